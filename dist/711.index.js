export const id = 711;
export const ids = [711];
export const modules = {

/***/ 1711:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  connectEcs: () => (/* binding */ connectEcs),
  createEcsPort: () => (/* binding */ createEcsPort)
});

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ecs/dist-es/ECSClient.js + 8 modules
var ECSClient = __webpack_require__(7777);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ecs/dist-es/commands/DescribeServicesCommand.js
var DescribeServicesCommand = __webpack_require__(6987);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ecs/dist-es/commands/DescribeTaskDefinitionCommand.js
var DescribeTaskDefinitionCommand = __webpack_require__(2511);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ecs/dist-es/commands/ListServiceDeploymentsCommand.js
var ListServiceDeploymentsCommand = __webpack_require__(3723);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ecs/dist-es/commands/DescribeServiceDeploymentsCommand.js
var DescribeServiceDeploymentsCommand = __webpack_require__(9064);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ecs/dist-es/commands/DescribeServiceRevisionsCommand.js
var DescribeServiceRevisionsCommand = __webpack_require__(2006);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ecs/dist-es/commands/ListTasksCommand.js
var ListTasksCommand = __webpack_require__(4810);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ecs/dist-es/commands/DescribeTasksCommand.js
var DescribeTasksCommand = __webpack_require__(8639);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ecs/dist-es/commands/RegisterTaskDefinitionCommand.js
var RegisterTaskDefinitionCommand = __webpack_require__(4031);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ecs/dist-es/commands/UpdateServiceCommand.js
var UpdateServiceCommand = __webpack_require__(7188);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ecs/dist-es/commands/ContinueServiceDeploymentCommand.js
var ContinueServiceDeploymentCommand = __webpack_require__(9005);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ecs/dist-es/commands/StopServiceDeploymentCommand.js
var StopServiceDeploymentCommand = __webpack_require__(5416);
// EXTERNAL MODULE: ./src/model/clock.ts
var model_clock = __webpack_require__(9967);
// EXTERNAL MODULE: ./src/net/proxy.ts
var proxy = __webpack_require__(1987);
// EXTERNAL MODULE: ./src/net/user-agent.ts + 1 modules
var user_agent = __webpack_require__(3819);
// EXTERNAL MODULE: ./src/model/stages.ts
var stages = __webpack_require__(2558);
// EXTERNAL MODULE: ./src/ecs/service.ts
var ecs_service = __webpack_require__(5102);
// EXTERNAL MODULE: ./src/ecs/errors.ts
var errors = __webpack_require__(42);
// EXTERNAL MODULE: ./src/model/format.ts
var format = __webpack_require__(826);
;// CONCATENATED MODULE: ./src/ecs/mutations.ts





/** Attempts of a state-changing call; each retry follows a check that the last one did not take effect. */
const MUTATION_ATTEMPTS = 4;
/**
 * Errors after which ECS certainly did not act: it refused for the rate (throttling) or
 * the connection never opened. Every other transient error (5xx, reset, timeout) leaves
 * the call's effect unknown.
 */
function certainlyNotApplied(error) {
    const { code } = error;
    return (['ThrottlingException', 'Throttling', 'TooManyRequestsException'].includes((0,errors/* errorName */.Is)(error)) ||
        code === 'ECONNREFUSED');
}
/**
 * Sends a state-changing call without ever applying it twice: throttling is retried
 * with backoff; after a failure that leaves the effect unknown (a 5xx, a dropped
 * connection) ECS is asked whether the call took effect before anything is re-sent.
 * Errors about the request itself are thrown at once.
 */
async function mutateOnce(mutation) {
    for (let attempt = 1;; attempt++) {
        try {
            return await mutation.send();
        }
        catch (error) {
            if (attempt >= MUTATION_ATTEMPTS || !(0,errors/* isTransientError */.bV)(error))
                throw error;
            if (!certainlyNotApplied(error)) {
                const applied = await mutation.check().catch(() => undefined);
                if (applied !== undefined)
                    return applied;
            }
            const delay = Math.min(1000 * 2 ** (attempt - 1), 8000) * (0.5 + Math.random() / 2);
            mutation.onRetry?.(`${(0,errors/* errorName */.Is)(error)}: ${(0,format/* errorMessage */.gJ)(error)}; retrying in ${Math.round(delay)} ms.`);
            await mutation.clock.sleep(delay);
        }
    }
}
/** UpdateService took effect when the service's primary deployment runs the task definition sent. */
function updateServiceApplied(reads, input) {
    return async () => {
        if (!input.taskDefinition)
            return undefined;
        const { services } = await reads.describeServices({
            cluster: input.cluster,
            services: [input.service ?? '']
        });
        const service = services?.[0];
        const primary = service && (0,ecs_service/* primaryDeployment */.sg)(service);
        const applied = service?.taskDefinition === input.taskDefinition &&
            primary?.taskDefinition === input.taskDefinition;
        return applied ? { service, $metadata: {} } : undefined;
    };
}
/**
 * RegisterTaskDefinition took effect when the family's newest revision was registered
 * after the call was sent and carries what was sent: the same provenance tags, or else
 * the same image in every container.
 */
function registrationApplied(reads, input, sentAt) {
    return async () => {
        const latest = await reads.describeTaskDefinition({
            taskDefinition: input.family ?? '',
            include: ['TAGS']
        });
        const registered = latest.taskDefinition;
        if (!registered?.registeredAt ||
            registered.registeredAt.getTime() < sentAt.getTime() - model_clock/* CLOCK_SKEW_MS */.r)
            return undefined;
        const tagsMatch = (input.tags?.length ?? 0) > 0 &&
            (input.tags ?? []).every(tag => latest.tags?.some(other => other.key === tag.key && other.value === tag.value));
        const imagesMatch = (input.containerDefinitions ?? []).every(container => registered.containerDefinitions?.some(other => other.name === container.name && other.image === container.image));
        return tagsMatch || (!input.tags?.length && imagesMatch)
            ? { ...latest, $metadata: {} }
            : undefined;
    };
}
/** ContinueServiceDeployment took effect when the hook no longer awaits action. */
function continueApplied(reads, input) {
    return async () => {
        const { serviceDeployments } = await reads.describeServiceDeployments({
            serviceDeploymentArns: [input.serviceDeploymentArn ?? '']
        });
        const hook = serviceDeployments?.[0]?.lifecycleHookDetails?.find(detail => detail.hookId === input.hookId);
        return hook && hook.status !== 'AWAITING_ACTION'
            ? { serviceDeploymentArn: input.serviceDeploymentArn, $metadata: {} }
            : undefined;
    };
}
/** StopServiceDeployment took effect when the deployment is stopping or rolling back. */
function stopApplied(reads, input) {
    return async () => {
        const { serviceDeployments } = await reads.describeServiceDeployments({
            serviceDeploymentArns: [input.serviceDeploymentArn ?? '']
        });
        return stages/* STOPPING_STATUSES */.E$.includes(serviceDeployments?.[0]?.status ?? '')
            ? { serviceDeploymentArn: input.serviceDeploymentArn, $metadata: {} }
            : undefined;
    };
}

;// CONCATENATED MODULE: ./src/ecs/client.ts





/**
 * The port over SDK clients. Reads go through `clients.read`, whose SDK retries cover
 * throttling and faults; state-changing calls go through `clients.write` (no SDK
 * retries) and mutateOnce, which never re-sends a call that may have taken effect.
 */
function createEcsPort(clients, region, options = {}) {
    const { read, write } = clients instanceof ECSClient/* ECSClient */.Z ? { read: clients, write: clients } : clients;
    const clock = options.clock ?? model_clock/* systemClock */.m;
    const mutate = (send, check) => mutateOnce({ send, check, clock, onRetry: options.onRetry });
    const port = {
        region,
        describeServices: input => read.send(new DescribeServicesCommand/* DescribeServicesCommand */.H(input)),
        describeTaskDefinition: input => read.send(new DescribeTaskDefinitionCommand/* DescribeTaskDefinitionCommand */.Z(input)),
        listServiceDeployments: input => read.send(new ListServiceDeploymentsCommand/* ListServiceDeploymentsCommand */.j(input)),
        describeServiceDeployments: input => read.send(new DescribeServiceDeploymentsCommand/* DescribeServiceDeploymentsCommand */.A(input)),
        describeServiceRevisions: input => read.send(new DescribeServiceRevisionsCommand/* DescribeServiceRevisionsCommand */.o(input)),
        listTasks: input => read.send(new ListTasksCommand/* ListTasksCommand */.M(input)),
        describeTasks: input => read.send(new DescribeTasksCommand/* DescribeTasksCommand */.z(input)),
        registerTaskDefinition: input => mutate(() => write.send(new RegisterTaskDefinitionCommand/* RegisterTaskDefinitionCommand */.$(input)), registrationApplied(port, input, clock.now())),
        updateService: input => mutate(() => write.send(new UpdateServiceCommand/* UpdateServiceCommand */.k(input)), updateServiceApplied(port, input)),
        continueServiceDeployment: input => mutate(() => write.send(new ContinueServiceDeploymentCommand/* ContinueServiceDeploymentCommand */.L(input)), continueApplied(port, input)),
        stopServiceDeployment: input => mutate(() => write.send(new StopServiceDeploymentCommand/* StopServiceDeploymentCommand */.a(input)), stopApplied(port, input))
    };
    return port;
}
/**
 * The production port, configured as aws-actions/configure-aws-credentials leaves the
 * environment: region from AWS_REGION (or AWS_DEFAULT_REGION, which the SDK alone
 * ignores), credentials from the default chain, endpoint overridable by
 * AWS_ENDPOINT_URL_ECS. Adaptive retries slow down under throttling instead of spending
 * every attempt at once. The SDK reads no proxy variables, so the agent for the runner's
 * proxy is given here, if one applies to the endpoint. Callers import this module lazily,
 * so runs that fail validation never load the SDK.
 */
async function connectEcs(env = process.env, options = {}) {
    const region = env.AWS_REGION || env.AWS_DEFAULT_REGION;
    if (!region) {
        throw new Error('No AWS region: set AWS_REGION (aws-actions/configure-aws-credentials sets it from its aws-region input).');
    }
    const agent = await (0,proxy/* proxyAgentFor */.H)(ecsEndpoint(region));
    const client = (maxAttempts) => new ECSClient/* ECSClient */.Z({
        region,
        customUserAgent: user_agent/* USER_AGENT */._,
        retryMode: 'adaptive',
        maxAttempts,
        requestHandler: {
            // A hung connection must not stall the release: fail the attempt and let it retry.
            connectionTimeout: 5_000,
            requestTimeout: 30_000,
            httpAgent: agent,
            httpsAgent: agent
        }
    });
    return createEcsPort({ read: client(5), write: client(1) }, region, options);
}
/**
 * Where the SDK sends ECS calls: AWS_ENDPOINT_URL_ECS, else AWS_ENDPOINT_URL
 * (https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html), else the
 * regional endpoint (https://docs.aws.amazon.com/general/latest/gr/ecs-service.html). The SDK
 * reads them from process.env, so this does too.
 */
function ecsEndpoint(region) {
    const { AWS_ENDPOINT_URL_ECS, AWS_ENDPOINT_URL } = process.env;
    return new URL(AWS_ENDPOINT_URL_ECS || AWS_ENDPOINT_URL || `https://ecs.${region}.amazonaws.com`);
}


/***/ })

};
