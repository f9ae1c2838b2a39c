export const id = 249;
export const ids = [249];
export const modules = {

/***/ 2249:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  connectEcs: () => (/* binding */ connectEcs),
  createEcsPort: () => (/* binding */ createEcsPort)
});

// EXTERNAL MODULE: ./node_modules/@aws-sdk/core/dist-cjs/submodules/client/index.js
var client = __webpack_require__(5152);
// EXTERNAL MODULE: ./node_modules/@smithy/core/dist-cjs/index.js
var dist_cjs = __webpack_require__(402);
// EXTERNAL MODULE: ./node_modules/@smithy/core/dist-cjs/submodules/client/index.js
var submodules_client = __webpack_require__(2658);
// EXTERNAL MODULE: ./node_modules/@smithy/core/dist-cjs/submodules/config/index.js
var submodules_config = __webpack_require__(7291);
// EXTERNAL MODULE: ./node_modules/@smithy/core/dist-cjs/submodules/endpoints/index.js
var endpoints = __webpack_require__(2085);
// EXTERNAL MODULE: ./node_modules/@smithy/core/dist-cjs/submodules/protocols/index.js
var protocols = __webpack_require__(3422);
// EXTERNAL MODULE: ./node_modules/@smithy/core/dist-cjs/submodules/retry/index.js
var retry = __webpack_require__(3609);
// EXTERNAL MODULE: ./node_modules/@smithy/core/dist-cjs/submodules/schema/index.js
var schema = __webpack_require__(6890);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/core/dist-cjs/submodules/httpAuthSchemes/index.js
var httpAuthSchemes = __webpack_require__(7523);
;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-ecs/dist-es/auth/httpAuthSchemeProvider.js


const defaultECSHttpAuthSchemeParametersProvider = async (config, context, input) => {
    return {
        operation: (0,submodules_client.getSmithyContext)(context).operation,
        region: await (0,submodules_client.normalizeProvider)(config.region)() || (() => {
            throw new Error("expected `region` to be configured for `aws.auth#sigv4`");
        })(),
    };
};
function createAwsAuthSigv4HttpAuthOption(authParameters) {
    return {
        schemeId: "aws.auth#sigv4",
        signingProperties: {
            name: "ecs",
            region: authParameters.region,
        },
        propertiesExtractor: (config, context) => ({
            signingProperties: {
                config,
                context,
            },
        }),
    };
}
const defaultECSHttpAuthSchemeProvider = (authParameters) => {
    const options = [];
    switch (authParameters.operation) {
        default: {
            options.push(createAwsAuthSigv4HttpAuthOption(authParameters));
        }
    }
    return options;
};
const resolveHttpAuthSchemeConfig = (config) => {
    const config_0 = (0,httpAuthSchemes.resolveAwsSdkSigV4Config)(config);
    return Object.assign(config_0, {
        authSchemePreference: (0,submodules_client.normalizeProvider)(config.authSchemePreference ?? []),
    });
};

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-ecs/dist-es/endpoint/EndpointParameters.js
const resolveClientEndpointParameters = (options) => {
    return Object.assign(options, {
        useDualstackEndpoint: options.useDualstackEndpoint ?? false,
        useFipsEndpoint: options.useFipsEndpoint ?? false,
        defaultSigningName: "ecs",
    });
};
const commonParams = {
    UseFIPS: { type: "builtInParams", name: "useFipsEndpoint" },
    Endpoint: { type: "builtInParams", name: "endpoint" },
    Region: { type: "builtInParams", name: "region" },
    UseDualStack: { type: "builtInParams", name: "useDualstackEndpoint" },
};

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-ecs/package.json
const package_namespaceObject = {"rE":"3.1164.0"};
// EXTERNAL MODULE: ./node_modules/@aws-sdk/credential-provider-node/dist-es/defaultProvider.js + 2 modules
var defaultProvider = __webpack_require__(9882);
// EXTERNAL MODULE: ./node_modules/@smithy/core/dist-cjs/submodules/serde/index.js
var serde = __webpack_require__(2430);
// EXTERNAL MODULE: ./node_modules/@smithy/node-http-handler/dist-es/node-http-handler.js + 5 modules
var node_http_handler = __webpack_require__(3291);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/core/dist-cjs/submodules/protocols/index.js
var submodules_protocols = __webpack_require__(7288);
// EXTERNAL MODULE: ./node_modules/@smithy/core/dist-cjs/submodules/checksum/index.js
var checksum = __webpack_require__(9542);
;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-ecs/dist-es/endpoint/bdd.js

const k = "ref";
const a = -1, b = true, c = "isSet", d = "PartitionResult", e = "booleanEquals", f = "getAttr", g = { [k]: "Endpoint" }, h = { [k]: d }, i = {}, j = [{ [k]: "Region" }];
const _data = {
    conditions: [
        [c, [g]],
        [c, j],
        ["aws.partition", j, d],
        [e, [{ [k]: "UseFIPS" }, b]],
        [e, [{ [k]: "UseDualStack" }, b]],
        [e, [{ fn: f, argv: [h, "supportsDualStack"] }, b]],
        [e, [{ fn: f, argv: [h, "supportsFIPS"] }, b]]
    ],
    results: [
        [a],
        [a, "Invalid Configuration: FIPS and custom endpoint are not supported"],
        [a, "Invalid Configuration: Dualstack and custom endpoint are not supported"],
        [g, i],
        ["https://ecs-fips.{Region}.{PartitionResult#dualStackDnsSuffix}", i],
        [a, "FIPS and DualStack are enabled, but this partition does not support one or both"],
        ["https://ecs-fips.{Region}.{PartitionResult#dnsSuffix}", i],
        [a, "FIPS is enabled but this partition does not support FIPS"],
        ["https://ecs.{Region}.{PartitionResult#dualStackDnsSuffix}", i],
        [a, "DualStack is enabled but this partition does not support DualStack"],
        ["https://ecs.{Region}.{PartitionResult#dnsSuffix}", i],
        [a, "Invalid Configuration: Missing Region"]
    ]
};
const root = 2;
const r = 100_000_000;
const nodes = new Int32Array([
    -1, 1, -1,
    0, 12, 3,
    1, 4, r + 11,
    2, 5, r + 11,
    3, 8, 6,
    4, 7, r + 10,
    5, r + 8, r + 9,
    4, 10, 9,
    6, r + 6, r + 7,
    5, 11, r + 5,
    6, r + 4, r + 5,
    3, r + 1, 13,
    4, r + 2, r + 3,
]);
const bdd = endpoints.BinaryDecisionDiagram.from(nodes, root, _data.conditions, _data.results);

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-ecs/dist-es/endpoint/endpointResolver.js



const cache = new endpoints.EndpointCache({
    size: 50,
    params: ["Endpoint", "Region", "UseDualStack", "UseFIPS"],
});
const defaultEndpointResolver = (endpointParams, context = {}) => {
    return cache.get(endpointParams, () => (0,endpoints.decideEndpoint)(bdd, {
        endpointParams: endpointParams,
        logger: context.logger,
    }));
};
endpoints.customEndpointFunctions.aws = client.awsEndpointFunctions;

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ecs/dist-es/schemas/schemas_0.js + 2 modules
var schemas_0 = __webpack_require__(4947);
;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-ecs/dist-es/runtimeConfig.shared.js









const getRuntimeConfig = (config) => {
    return {
        apiVersion: "2014-11-13",
        base64Decoder: config?.base64Decoder ?? serde.fromBase64,
        base64Encoder: config?.base64Encoder ?? serde.toBase64,
        disableHostPrefix: config?.disableHostPrefix ?? false,
        endpointProvider: config?.endpointProvider ?? defaultEndpointResolver,
        extensions: config?.extensions ?? [],
        httpAuthSchemeProvider: config?.httpAuthSchemeProvider ?? defaultECSHttpAuthSchemeProvider,
        httpAuthSchemes: config?.httpAuthSchemes ?? [
            {
                schemeId: "aws.auth#sigv4",
                identityProvider: (ipc) => ipc.getIdentityProvider("aws.auth#sigv4"),
                signer: new httpAuthSchemes.AwsSdkSigV4Signer(),
            },
        ],
        logger: config?.logger ?? new submodules_client.NoOpLogger(),
        protocol: config?.protocol ?? submodules_protocols.AwsJson1_1Protocol,
        protocolSettings: config?.protocolSettings ?? {
            defaultNamespace: "com.amazonaws.ecs",
            errorTypeRegistries: schemas_0/* errorTypeRegistries */.q1U,
            xmlNamespace: "http://ecs.amazonaws.com/doc/2014-11-13/",
            version: "2014-11-13",
            serviceTarget: "AmazonEC2ContainerServiceV20141113",
        },
        serviceId: config?.serviceId ?? "ECS",
        sha256: config?.sha256 ?? checksum.Sha256,
        urlParser: config?.urlParser ?? protocols.parseUrl,
        utf8Decoder: config?.utf8Decoder ?? serde.fromUtf8,
        utf8Encoder: config?.utf8Encoder ?? serde.toUtf8,
    };
};

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-ecs/dist-es/runtimeConfig.js










const runtimeConfig_getRuntimeConfig = (config) => {
    (0,submodules_client.emitWarningIfUnsupportedVersion)(process.version);
    const defaultsMode = (0,submodules_config.resolveDefaultsModeConfig)(config);
    const defaultConfigProvider = () => defaultsMode().then(submodules_client.loadConfigsForDefaultMode);
    const clientSharedValues = getRuntimeConfig(config);
    (0,client.emitWarningIfUnsupportedVersion)(process.version);
    const loaderConfig = {
        profile: config?.profile,
        logger: clientSharedValues.logger,
    };
    return {
        ...clientSharedValues,
        ...config,
        runtime: "node",
        defaultsMode,
        authSchemePreference: config?.authSchemePreference ?? (0,submodules_config.loadConfig)(httpAuthSchemes.NODE_AUTH_SCHEME_PREFERENCE_OPTIONS, loaderConfig),
        bodyLengthChecker: config?.bodyLengthChecker ?? serde.calculateBodyLength,
        credentialDefaultProvider: config?.credentialDefaultProvider ?? defaultProvider/* defaultProvider */.v6,
        defaultSocketTimeout: (0,client.getDefaultSocketTimeout)(config?.requestHandler, 900_000),
        defaultUserAgentProvider: config?.defaultUserAgentProvider ?? (0,client.createDefaultUserAgentProvider)({ serviceId: clientSharedValues.serviceId, clientVersion: package_namespaceObject.rE }),
        maxAttempts: config?.maxAttempts ?? (0,submodules_config.loadConfig)(retry.NODE_MAX_ATTEMPT_CONFIG_OPTIONS, config),
        region: config?.region ?? (0,submodules_config.loadConfig)(submodules_config.NODE_REGION_CONFIG_OPTIONS, { ...submodules_config.NODE_REGION_CONFIG_FILE_OPTIONS, ...loaderConfig }),
        requestHandler: node_http_handler/* NodeHttpHandler */.$.create(config?.requestHandler ?? defaultConfigProvider),
        retryMode: config?.retryMode ??
            (0,submodules_config.loadConfig)({
                ...retry.NODE_RETRY_MODE_CONFIG_OPTIONS,
                default: async () => (await defaultConfigProvider()).retryMode || retry.DEFAULT_RETRY_MODE,
            }, config),
        streamCollector: config?.streamCollector ?? serde.streamCollector,
        useDualstackEndpoint: config?.useDualstackEndpoint ?? (0,submodules_config.loadConfig)(submodules_config.NODE_USE_DUALSTACK_ENDPOINT_CONFIG_OPTIONS, loaderConfig),
        useFipsEndpoint: config?.useFipsEndpoint ?? (0,submodules_config.loadConfig)(submodules_config.NODE_USE_FIPS_ENDPOINT_CONFIG_OPTIONS, loaderConfig),
        userAgentAppId: config?.userAgentAppId ?? (0,submodules_config.loadConfig)(client.NODE_APP_ID_CONFIG_OPTIONS, loaderConfig),
    };
};

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-ecs/dist-es/auth/httpAuthExtensionConfiguration.js
const getHttpAuthExtensionConfiguration = (runtimeConfig) => {
    const _httpAuthSchemes = runtimeConfig.httpAuthSchemes;
    let _httpAuthSchemeProvider = runtimeConfig.httpAuthSchemeProvider;
    let _credentials = runtimeConfig.credentials;
    return {
        setHttpAuthScheme(httpAuthScheme) {
            const index = _httpAuthSchemes.findIndex((scheme) => scheme.schemeId === httpAuthScheme.schemeId);
            if (index === -1) {
                _httpAuthSchemes.push(httpAuthScheme);
            }
            else {
                _httpAuthSchemes.splice(index, 1, httpAuthScheme);
            }
        },
        httpAuthSchemes() {
            return _httpAuthSchemes;
        },
        setHttpAuthSchemeProvider(httpAuthSchemeProvider) {
            _httpAuthSchemeProvider = httpAuthSchemeProvider;
        },
        httpAuthSchemeProvider() {
            return _httpAuthSchemeProvider;
        },
        setCredentials(credentials) {
            _credentials = credentials;
        },
        credentials() {
            return _credentials;
        },
    };
};
const resolveHttpAuthRuntimeConfig = (config) => {
    return {
        httpAuthSchemes: config.httpAuthSchemes(),
        httpAuthSchemeProvider: config.httpAuthSchemeProvider(),
        credentials: config.credentials(),
    };
};

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-ecs/dist-es/runtimeExtensions.js




const resolveRuntimeExtensions = (runtimeConfig, extensions) => {
    const extensionConfiguration = Object.assign((0,client.getAwsRegionExtensionConfiguration)(runtimeConfig), (0,submodules_client.getDefaultExtensionConfiguration)(runtimeConfig), (0,protocols.getHttpHandlerExtensionConfiguration)(runtimeConfig), getHttpAuthExtensionConfiguration(runtimeConfig));
    extensions.forEach((extension) => extension.configure(extensionConfiguration));
    return Object.assign(runtimeConfig, (0,client.resolveAwsRegionExtensionConfiguration)(extensionConfiguration), (0,submodules_client.resolveDefaultRuntimeConfig)(extensionConfiguration), (0,protocols.resolveHttpHandlerRuntimeConfig)(extensionConfiguration), resolveHttpAuthRuntimeConfig(extensionConfiguration));
};

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-ecs/dist-es/ECSClient.js













class ECSClient extends submodules_client.Client {
    config;
    constructor(...[configuration]) {
        const _config_0 = runtimeConfig_getRuntimeConfig(configuration || {});
        super(_config_0);
        this.initConfig = _config_0;
        const _config_1 = resolveClientEndpointParameters(_config_0);
        const _config_2 = (0,client.resolveUserAgentConfig)(_config_1);
        const _config_3 = (0,retry.resolveRetryConfig)(_config_2);
        const _config_4 = (0,submodules_config.resolveRegionConfig)(_config_3);
        const _config_5 = (0,client.resolveHostHeaderConfig)(_config_4);
        const _config_6 = (0,endpoints.resolveEndpointConfig)(_config_5);
        const _config_7 = resolveHttpAuthSchemeConfig(_config_6);
        const _config_8 = resolveRuntimeExtensions(_config_7, configuration?.extensions || []);
        this.config = _config_8;
        this.middlewareStack.use((0,schema.getSchemaSerdePlugin)(this.config));
        this.middlewareStack.use((0,client.getUserAgentPlugin)(this.config));
        this.middlewareStack.use((0,retry.getRetryPlugin)(this.config));
        this.middlewareStack.use((0,protocols.getContentLengthPlugin)(this.config));
        this.middlewareStack.use((0,client.getHostHeaderPlugin)(this.config));
        this.middlewareStack.use((0,client.getLoggerPlugin)(this.config));
        this.middlewareStack.use((0,client.getRecursionDetectionPlugin)(this.config));
        this.middlewareStack.use((0,dist_cjs.getHttpAuthSchemeEndpointRuleSetPlugin)(this.config, {
            httpAuthSchemeParametersProvider: defaultECSHttpAuthSchemeParametersProvider,
            identityProviderConfigProvider: async (config) => new dist_cjs.DefaultIdentityProviderConfig({
                "aws.auth#sigv4": config.credentials,
            }),
        }));
        this.middlewareStack.use((0,dist_cjs.getHttpSigningPlugin)(this.config));
    }
    destroy() {
        super.destroy();
    }
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-ecs/dist-es/commandBuilder.js



const command = (0,submodules_client.makeBuilder)(commonParams, "AmazonEC2ContainerServiceV20141113", "ECSClient", endpoints.getEndpointPlugin);
const _ep0 = {};
const _mw0 = (Command, cs, config, o) => [];

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-ecs/dist-es/commands/DescribeServicesCommand.js


class DescribeServicesCommand extends command(_ep0, _mw0, "DescribeServices", schemas_0/* DescribeServices$ */.i2N) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-ecs/dist-es/commands/DescribeTaskDefinitionCommand.js


class DescribeTaskDefinitionCommand extends command(_ep0, _mw0, "DescribeTaskDefinition", schemas_0/* DescribeTaskDefinition$ */.K0Z) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-ecs/dist-es/commands/ListServiceDeploymentsCommand.js


class ListServiceDeploymentsCommand extends command(_ep0, _mw0, "ListServiceDeployments", schemas_0/* ListServiceDeployments$ */.aK2) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-ecs/dist-es/commands/DescribeServiceDeploymentsCommand.js


class DescribeServiceDeploymentsCommand extends command(_ep0, _mw0, "DescribeServiceDeployments", schemas_0/* DescribeServiceDeployments$ */.bm1) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-ecs/dist-es/commands/DescribeServiceRevisionsCommand.js


class DescribeServiceRevisionsCommand extends command(_ep0, _mw0, "DescribeServiceRevisions", schemas_0/* DescribeServiceRevisions$ */.Nqi) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-ecs/dist-es/commands/ListTasksCommand.js


class ListTasksCommand extends command(_ep0, _mw0, "ListTasks", schemas_0/* ListTasks$ */.$a_) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-ecs/dist-es/commands/DescribeTasksCommand.js


class DescribeTasksCommand extends command(_ep0, _mw0, "DescribeTasks", schemas_0/* DescribeTasks$ */.Aw_) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-ecs/dist-es/commands/RegisterTaskDefinitionCommand.js


class RegisterTaskDefinitionCommand extends command(_ep0, _mw0, "RegisterTaskDefinition", schemas_0/* RegisterTaskDefinition$ */.k31) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-ecs/dist-es/commands/UpdateServiceCommand.js


class UpdateServiceCommand extends command(_ep0, _mw0, "UpdateService", schemas_0/* UpdateService$ */.N2u) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-ecs/dist-es/commands/ContinueServiceDeploymentCommand.js


class ContinueServiceDeploymentCommand extends command(_ep0, _mw0, "ContinueServiceDeployment", schemas_0/* ContinueServiceDeployment$ */.sJF) {
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-ecs/dist-es/commands/StopServiceDeploymentCommand.js


class StopServiceDeploymentCommand extends command(_ep0, _mw0, "StopServiceDeployment", schemas_0/* StopServiceDeployment$ */.F0p) {
}

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
    const { read, write } = clients instanceof ECSClient ? { read: clients, write: clients } : clients;
    const clock = options.clock ?? model_clock/* systemClock */.m;
    const mutate = (send, check) => mutateOnce({ send, check, clock, onRetry: options.onRetry });
    const port = {
        region,
        describeServices: input => read.send(new DescribeServicesCommand(input)),
        describeTaskDefinition: input => read.send(new DescribeTaskDefinitionCommand(input)),
        listServiceDeployments: input => read.send(new ListServiceDeploymentsCommand(input)),
        describeServiceDeployments: input => read.send(new DescribeServiceDeploymentsCommand(input)),
        describeServiceRevisions: input => read.send(new DescribeServiceRevisionsCommand(input)),
        listTasks: input => read.send(new ListTasksCommand(input)),
        describeTasks: input => read.send(new DescribeTasksCommand(input)),
        registerTaskDefinition: input => mutate(() => write.send(new RegisterTaskDefinitionCommand(input)), registrationApplied(port, input, clock.now())),
        updateService: input => mutate(() => write.send(new UpdateServiceCommand(input)), updateServiceApplied(port, input)),
        continueServiceDeployment: input => mutate(() => write.send(new ContinueServiceDeploymentCommand(input)), continueApplied(port, input)),
        stopServiceDeployment: input => mutate(() => write.send(new StopServiceDeploymentCommand(input)), stopApplied(port, input))
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
    const client = (maxAttempts) => new ECSClient({
        region,
        customUserAgent: user_agent/* USER_AGENT */._,
        retryMode: 'adaptive',
        maxAttempts,
        // Nothing here changes a command's middleware: resolve each command's stack once,
        // not on every call (SmithyConfiguration.cacheMiddleware, @smithy/core).
        cacheMiddleware: true,
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
