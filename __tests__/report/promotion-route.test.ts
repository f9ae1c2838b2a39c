import { describe, expect, it } from '@jest/globals'
import { parse } from 'yaml'
import {
  findPromotionRoute,
  routeOfSeveral,
  workflowTarget
} from '../../src/report/promotion-route.js'
import { pushRun } from './fixtures.js'

const RELEASE_YML = 'octo/app/.github/workflows/release.yml@refs/heads/main'

/** A workflow whose `deploy` job pauses and whose `promote` job, gated by `production`, promotes. */
const GATED = parse(`
on: { push: { branches: [main] } }
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps: [{ uses: octo/ecs-bluegreen-action@v1, with: { wait-until: paused } }]
  smoke:
    needs: deploy
    runs-on: ubuntu-latest
    steps: [{ run: ./smoke.sh }]
  promote:
    needs: [smoke]
    environment: { name: production, url: https://example.com }
    runs-on: ubuntu-latest
    steps: [{ uses: octo/ecs-bluegreen-action@v1, with: { command: promote } }]
`) as unknown

const CONTROL = parse(`
on:
  workflow_dispatch:
    inputs:
      command: { type: choice, options: [promote, rollback, status], default: promote }
      service: { type: string, required: true }
      cluster: { type: string, required: true, default: prod }
      deployment-arn: { type: string, required: false }
jobs: {}
`) as unknown

describe('workflowTarget', () => {
  it('reads the workflow file and the branch or tag from GITHUB_WORKFLOW_REF', () => {
    expect(workflowTarget('octo/app/.github/workflows/deploy.yml@refs/heads/release/v2')).toEqual({
      path: '.github/workflows/deploy.yml',
      file: 'deploy.yml',
      ref: 'release/v2'
    })
    expect(workflowTarget('octo/app/.github/workflows/ci.yaml@refs/tags/v1.0.0')?.ref).toBe(
      'v1.0.0'
    )
  })

  it('leaves out pull request refs, which cannot be dispatched', () => {
    expect(workflowTarget('octo/app/.github/workflows/deploy.yml@refs/pull/7/merge')).toEqual({
      path: '.github/workflows/deploy.yml',
      file: 'deploy.yml',
      ref: undefined
    })
  })

  it('gives nothing for a missing or unexpected value', () => {
    expect(workflowTarget(undefined)).toBeUndefined()
    expect(workflowTarget('deploy.yml')).toBeUndefined()
  })
})

describe('findPromotionRoute', () => {
  const github = pushRun({ workflowRef: RELEASE_YML, job: 'deploy' })

  it('finds the environment-gated job of this run that promotes after the deploy job', () => {
    expect(findPromotionRoute({ github, deploying: GATED })).toEqual({
      approval: { environment: 'production' }
    })
    // The promote job itself, or a job nothing waits on, has no approval ahead of it.
    expect(findPromotionRoute({ github: { ...github, job: 'promote' }, deploying: GATED })).toEqual(
      {}
    )
  })

  it('does not take a gated job that runs another command, or one whose environment is an expression, by name', () => {
    const other = parse(`
on: push
jobs:
  deploy: { steps: [] }
  status:
    needs: deploy
    environment: production
    steps: [{ uses: octo/ecs-bluegreen-action@v1, with: { command: status } }]
  promote:
    needs: deploy
    environment: \${{ inputs.target }}
    steps: [{ uses: octo/ecs-bluegreen-action@v1, with: { command: promote } }]
`) as unknown
    expect(findPromotionRoute({ github, deploying: other })).toEqual({ approval: {} })
  })

  it('offers the control workflow as its workflow_dispatch trigger allows, on the default branch', () => {
    expect(
      findPromotionRoute({ github, controlWorkflow: 'release-control.yml', control: CONTROL })
    ).toEqual({
      dispatch: {
        file: 'release-control.yml',
        ref: undefined,
        inputs: ['service', 'cluster', 'deployment-arn'],
        commands: ['promote', 'rollback']
      }
    })
  })

  it('takes the control-workflow input at its word when the file cannot be read', () => {
    expect(findPromotionRoute({ github, controlWorkflow: 'ops.yml' }).dispatch).toEqual({
      file: 'ops.yml',
      inputs: ['service', 'cluster', 'deployment-arn', 'services'],
      commands: ['promote', 'rollback']
    })
  })

  it.each<[string, unknown]>([
    ['no workflow_dispatch trigger', { on: 'push', jobs: {} }],
    ['no command input', { on: { workflow_dispatch: { inputs: { service: {} } } } }],
    [
      'a command input without promote or rollback',
      {
        on: { workflow_dispatch: { inputs: { command: { type: 'choice', options: ['status'] } } } }
      }
    ],
    [
      'a required input the action cannot fill in',
      {
        on: {
          workflow_dispatch: {
            inputs: { command: { type: 'string' }, region: { type: 'string', required: true } }
          }
        }
      }
    ],
    ['YAML that is no workflow', null]
  ])('never offers a workflow with %s', (_, control) => {
    expect(
      findPromotionRoute({ github, controlWorkflow: 'release-control.yml', control }).dispatch
    ).toBeUndefined()
  })

  it('offers the deploying workflow itself when it takes a command by workflow_dispatch, on its branch', () => {
    expect(findPromotionRoute({ github, deploying: CONTROL }).dispatch).toEqual({
      file: 'release.yml',
      ref: 'main',
      inputs: ['service', 'cluster', 'deployment-arn'],
      commands: ['promote', 'rollback']
    })
  })

  it('trusts the inputs of the workflow_dispatch event that started this run when the file is unread', () => {
    const dispatched = {
      ...github,
      eventName: 'workflow_dispatch',
      dispatchInputs: ['command', 'service', 'deployment-arn']
    }
    expect(findPromotionRoute({ github: dispatched }).dispatch).toEqual({
      file: 'release.yml',
      ref: 'main',
      inputs: ['service', 'deployment-arn'],
      commands: ['promote', 'rollback']
    })
    expect(findPromotionRoute({ github })).toEqual({})
  })
})

describe('routeOfSeveral', () => {
  const services = '[{"service":"web","cluster":"prod"}]'

  it('offers a workflow for a release of several services only when it takes the services input', () => {
    const github = pushRun()
    const single = findPromotionRoute({
      github,
      controlWorkflow: 'release-control.yml',
      control: CONTROL
    })
    expect(routeOfSeveral(single, services)).toEqual({ services })
    const takesServices = findPromotionRoute({
      github,
      controlWorkflow: 'release-control.yml',
      control: parse(`
on:
  workflow_dispatch:
    inputs:
      command: { type: choice, options: [promote, rollback] }
      services: { type: string, required: true }
jobs: {}
`) as unknown
    })
    expect(routeOfSeveral(takesServices, services).dispatch?.inputs).toEqual(['services'])
  })
})
