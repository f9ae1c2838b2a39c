export const id = 360;
export const ids = [360];
export const modules = {

/***/ 2360:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  USER_AGENT: () => (/* binding */ USER_AGENT),
  connectEcs: () => (/* binding */ connectEcs),
  createEcsPort: () => (/* binding */ createEcsPort)
});

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ecs/dist-cjs/index.js
var dist_cjs = __webpack_require__(212);
;// CONCATENATED MODULE: ./package.json
const package_namespaceObject = {"rE":"0.1.0"};
;// CONCATENATED MODULE: ./src/ecs/client.ts


const USER_AGENT = `ecs-bluegreen-action/${package_namespaceObject.rE}`;
function createEcsPort(client, region) {
    return {
        region,
        describeServices: input => client.send(new dist_cjs/* DescribeServicesCommand */.H7c(input)),
        describeTaskDefinition: input => client.send(new dist_cjs/* DescribeTaskDefinitionCommand */.Zy$(input)),
        registerTaskDefinition: input => client.send(new dist_cjs/* RegisterTaskDefinitionCommand */.$Hl(input)),
        updateService: input => client.send(new dist_cjs/* UpdateServiceCommand */.kZr(input)),
        listServiceDeployments: input => client.send(new dist_cjs/* ListServiceDeploymentsCommand */.jz8(input)),
        describeServiceDeployments: input => client.send(new dist_cjs/* DescribeServiceDeploymentsCommand */.A6p(input)),
        describeServiceRevisions: input => client.send(new dist_cjs/* DescribeServiceRevisionsCommand */.oF5(input)),
        continueServiceDeployment: input => client.send(new dist_cjs/* ContinueServiceDeploymentCommand */.LrH(input)),
        stopServiceDeployment: input => client.send(new dist_cjs/* StopServiceDeploymentCommand */.a8L(input)),
        listTasks: input => client.send(new dist_cjs/* ListTasksCommand */.MYg(input)),
        describeTasks: input => client.send(new dist_cjs/* DescribeTasksCommand */.z8X(input))
    };
}
/**
 * The production port, configured as aws-actions/configure-aws-credentials leaves the
 * environment: region from AWS_REGION (or AWS_DEFAULT_REGION, which the SDK alone
 * ignores), credentials from the default chain, endpoint overridable by
 * AWS_ENDPOINT_URL_ECS. Adaptive retries slow down under throttling instead of spending
 * every attempt at once. Callers import this module lazily, so runs that fail
 * validation never load the SDK.
 */
function connectEcs(env = process.env) {
    const region = env.AWS_REGION || env.AWS_DEFAULT_REGION;
    if (!region) {
        throw new Error('No AWS region: set AWS_REGION (aws-actions/configure-aws-credentials sets it from its aws-region input).');
    }
    const client = new dist_cjs/* ECSClient */.Zgc({
        region,
        customUserAgent: USER_AGENT,
        retryMode: 'adaptive',
        maxAttempts: 5,
        // A hung connection must not stall the release: fail the attempt and let it retry.
        requestHandler: { connectionTimeout: 5_000, requestTimeout: 30_000 }
    });
    return createEcsPort(client, region);
}


/***/ })

};
