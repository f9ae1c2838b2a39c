import type {
  ContinueServiceDeploymentCommandInput,
  ContinueServiceDeploymentCommandOutput,
  DescribeServiceDeploymentsCommandInput,
  DescribeServiceDeploymentsCommandOutput,
  DescribeServiceRevisionsCommandInput,
  DescribeServiceRevisionsCommandOutput,
  DescribeServicesCommandInput,
  DescribeServicesCommandOutput,
  DescribeTaskDefinitionCommandInput,
  DescribeTaskDefinitionCommandOutput,
  DescribeTasksCommandInput,
  DescribeTasksCommandOutput,
  ListServiceDeploymentsCommandInput,
  ListServiceDeploymentsCommandOutput,
  ListTasksCommandInput,
  ListTasksCommandOutput,
  RegisterTaskDefinitionCommandInput,
  RegisterTaskDefinitionCommandOutput,
  StopServiceDeploymentCommandInput,
  StopServiceDeploymentCommandOutput,
  UpdateServiceCommandInput,
  UpdateServiceCommandOutput
} from '@aws-sdk/client-ecs'

/**
 * The ECS calls the action makes, and nothing else: the README's IAM policy lists
 * exactly these. Backed by the SDK in production; tests use the simulator or
 * aws-sdk-client-mock behind the same adapter.
 */
export interface EcsPort {
  readonly region: string
  describeServices(input: DescribeServicesCommandInput): Promise<DescribeServicesCommandOutput>
  describeTaskDefinition(
    input: DescribeTaskDefinitionCommandInput
  ): Promise<DescribeTaskDefinitionCommandOutput>
  registerTaskDefinition(
    input: RegisterTaskDefinitionCommandInput
  ): Promise<RegisterTaskDefinitionCommandOutput>
  updateService(input: UpdateServiceCommandInput): Promise<UpdateServiceCommandOutput>
  listServiceDeployments(
    input: ListServiceDeploymentsCommandInput
  ): Promise<ListServiceDeploymentsCommandOutput>
  describeServiceDeployments(
    input: DescribeServiceDeploymentsCommandInput
  ): Promise<DescribeServiceDeploymentsCommandOutput>
  describeServiceRevisions(
    input: DescribeServiceRevisionsCommandInput
  ): Promise<DescribeServiceRevisionsCommandOutput>
  continueServiceDeployment(
    input: ContinueServiceDeploymentCommandInput
  ): Promise<ContinueServiceDeploymentCommandOutput>
  stopServiceDeployment(
    input: StopServiceDeploymentCommandInput
  ): Promise<StopServiceDeploymentCommandOutput>
  listTasks(input: ListTasksCommandInput): Promise<ListTasksCommandOutput>
  describeTasks(input: DescribeTasksCommandInput): Promise<DescribeTasksCommandOutput>
}
