/**
 * Where a deployment sends traffic: per revision, the share of test and of production traffic.
 * DescribeServiceDeployments reports these weights (views.ts) and request routing follows them
 * (request-routing.ts), so what a request meets is what the action is told.
 */
import type { DeploymentRecord, RevisionRecord } from './model.js'

export interface RevisionWeights {
  revision: RevisionRecord
  /** Percent of the traffic on the test route, and on the production route. */
  test: number
  production: number
}

/**
 * Green holds the deployment's weights; the first source, the revision serving production,
 * holds the rest; other sources (after a superseded deployment) get nothing
 * (sim/README.md, "Choices where ECS is uncertain").
 */
export function revisionWeights(deployment: DeploymentRecord): {
  target: RevisionWeights
  sources: RevisionWeights[]
} {
  const { testWeight, productionWeight } = deployment
  return {
    target: { revision: deployment.target, test: testWeight, production: productionWeight },
    sources: deployment.sources.map((revision, i) =>
      i === 0
        ? { revision, test: 100 - testWeight, production: 100 - productionWeight }
        : { revision, test: 0, production: 0 }
    )
  }
}
