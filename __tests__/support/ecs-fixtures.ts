import type { Service, TaskDefinition } from '@aws-sdk/client-ecs'
import { DEPLOYMENT_ARN } from './deployments.js'

export const CLUSTER_ARN = 'arn:aws:ecs:us-east-1:123456789012:cluster/demo'
export const SERVICE_ARN = 'arn:aws:ecs:us-east-1:123456789012:service/demo/web'
export const CURRENT_TD = 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:7'
export const NEW_TD = 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:8'

/** The task definition the service runs, as DescribeTaskDefinition returns it. */
export function currentTaskDefinition(): TaskDefinition {
  return {
    taskDefinitionArn: CURRENT_TD,
    family: 'web',
    revision: 7,
    status: 'ACTIVE',
    registeredAt: new Date('2026-11-01T00:00:00Z'),
    registeredBy: 'arn:aws:sts::123456789012:assumed-role/deploy/gha',
    compatibilities: ['EC2', 'FARGATE'],
    requiresAttributes: [{ name: 'com.amazonaws.ecs.capability.logging-driver.awslogs' }],
    requiresCompatibilities: ['FARGATE'],
    networkMode: 'awsvpc',
    cpu: '256',
    memory: '512',
    containerDefinitions: [
      {
        name: 'app',
        image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/web:1.0.0',
        essential: true,
        // The port the service's Service Connect configuration serves (portName http).
        portMappings: [{ name: 'http', containerPort: 80, protocol: 'tcp' }],
        environment: [{ name: 'LOG_LEVEL', value: 'info' }],
        secrets: [
          { name: 'DB_PASSWORD', valueFrom: 'arn:aws:ssm:us-east-1:123456789012:parameter/db' }
        ]
      },
      { name: 'sidecar', image: 'public.ecr.aws/envoy:1.30', essential: false }
    ]
  }
}

/** A Service Connect BLUE_GREEN service with circuit breaker and alarms, at rest. */
export function serviceConnectService(overrides: Partial<Service> = {}): Service {
  return {
    serviceArn: SERVICE_ARN,
    serviceName: 'web',
    clusterArn: CLUSTER_ARN,
    status: 'ACTIVE',
    desiredCount: 2,
    taskDefinition: CURRENT_TD,
    deploymentController: { type: 'ECS' },
    deploymentConfiguration: {
      strategy: 'BLUE_GREEN',
      bakeTimeInMinutes: 5,
      maximumPercent: 200,
      minimumHealthyPercent: 100,
      deploymentCircuitBreaker: { enable: true, rollback: true },
      alarms: { alarmNames: ['web-5xx'], enable: true, rollback: true }
    },
    currentServiceDeployment:
      'arn:aws:ecs:us-east-1:123456789012:service-deployment/demo/web/previousDeploymentId0',
    deployments: [
      {
        id: 'ecs-svc/1111111111111111111',
        status: 'PRIMARY',
        taskDefinition: CURRENT_TD,
        serviceConnectConfiguration: {
          enabled: true,
          namespace: 'demo',
          services: [{ portName: 'http', clientAliases: [{ port: 80, dnsName: 'web' }] }]
        }
      }
    ],
    ...overrides
  }
}

/** The same service behind an ALB, with the advanced configuration blue/green needs. */
export function albService(overrides: Partial<Service> = {}): Service {
  return serviceConnectService({
    deployments: [
      { id: 'ecs-svc/1111111111111111111', status: 'PRIMARY', taskDefinition: CURRENT_TD }
    ],
    loadBalancers: [
      {
        targetGroupArn: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/blue/1',
        containerName: 'app',
        containerPort: 80,
        advancedConfiguration: {
          alternateTargetGroupArn:
            'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/green/2',
          productionListenerRule:
            'arn:aws:elasticloadbalancing:us-east-1:123456789012:listener-rule/app/lb/1/2/3',
          roleArn: 'arn:aws:iam::123456789012:role/ecs-infrastructure'
        }
      }
    ],
    ...overrides
  })
}

/** What UpdateService returns once the new deployment exists. */
export function updatedService(): Service {
  return serviceConnectService({
    taskDefinition: NEW_TD,
    currentServiceDeployment: DEPLOYMENT_ARN,
    deployments: [
      { id: 'ecs-svc/1234567890123456789', status: 'PRIMARY', taskDefinition: NEW_TD },
      { id: 'ecs-svc/1111111111111111111', status: 'ACTIVE', taskDefinition: CURRENT_TD }
    ]
  })
}
