import { describe, expect, it } from '@jest/globals'
import { checkTaskDefinitionFits } from '../../src/plan/task-definition-fit.js'
import type { TaskDefinitionDocument } from '../../src/task-definition/load.js'
import { albService, serviceConnectService } from '../support/ecs-fixtures.js'

const document = (
  containers: Record<string, unknown>[],
  family = 'web'
): TaskDefinitionDocument => ({ family, containerDefinitions: containers })

describe('checkTaskDefinitionFits', () => {
  it('takes a task definition with the load balancer container and port', () => {
    const fits = document([{ name: 'app', portMappings: [{ containerPort: 80 }] }])
    expect(checkTaskDefinitionFits(albService(), fits, 'web:9')).toEqual([])
  })

  it('refuses one without the container the load balancer sends traffic to', () => {
    expect(() =>
      checkTaskDefinitionFits(albService(), document([{ name: 'api' }]), 'web:9')
    ).toThrow(
      "Input 'task-definition': web:9 has no container 'app', which the service's load balancer (target group arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/blue/1) sends traffic to; its containers are api."
    )
  })

  it('refuses one whose container lacks the load balancer port', () => {
    const other = document([{ name: 'app', portMappings: [{ containerPort: 8080 }] }])
    expect(() => checkTaskDefinitionFits(albService(), other, 'web:9')).toThrow(
      "container 'app' has no port mapping for port 80"
    )
  })

  it('refuses one without the port name Service Connect serves', () => {
    const unnamed = document([{ name: 'app', portMappings: [{ containerPort: 80 }] }])
    expect(() => checkTaskDefinitionFits(serviceConnectService(), unnamed, 'web:9')).toThrow(
      "web:9 has no port mapping named 'http'"
    )
  })

  it('warns that another family becomes the service’s', () => {
    const api = document(
      [{ name: 'app', portMappings: [{ name: 'http', containerPort: 80 }] }],
      'api'
    )
    expect(checkTaskDefinitionFits(serviceConnectService(), api, 'api:3')).toEqual([
      "api:3 is of family api, and service 'web' runs family web: the service runs api from this release on."
    ])
  })
})
