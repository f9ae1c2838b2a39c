export const id = 552;
export const ids = [552];
export const modules = {

/***/ 9552:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   connectLogs: () => (/* binding */ connectLogs),
/* harmony export */   createLogsPort: () => (/* binding */ createLogsPort)
/* harmony export */ });
/* harmony import */ var _aws_sdk_client_cloudwatch_logs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8093);
/* harmony import */ var _aws_sdk_client_cloudwatch_logs__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(519);
/* harmony import */ var _model_console_links_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3876);
/* harmony import */ var _net_proxy_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1987);
/* harmony import */ var _net_user_agent_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3819);




function createLogsPort(client, region) {
    return { region, getLogEvents: input => client.send(new _aws_sdk_client_cloudwatch_logs__WEBPACK_IMPORTED_MODULE_1__/* .GetLogEventsCommand */ .h(input)) };
}
/**
 * The production port for `region`, set up as ecs/client.ts sets up ECS: credentials from the
 * default chain, the runner's proxy, the action's user agent. Only a failed release with
 * container logs to read imports this module, so no other run loads the client.
 */
async function connectLogs(region) {
    const agent = await (0,_net_proxy_js__WEBPACK_IMPORTED_MODULE_2__/* .proxyAgentFor */ .H)(logsEndpoint(region));
    const client = new _aws_sdk_client_cloudwatch_logs__WEBPACK_IMPORTED_MODULE_3__/* .CloudWatchLogsClient */ .T({
        region,
        customUserAgent: _net_user_agent_js__WEBPACK_IMPORTED_MODULE_0__/* .USER_AGENT */ ._,
        retryMode: 'adaptive',
        // A read for the report: a few attempts, and a hung connection must not hold the step.
        maxAttempts: 3,
        requestHandler: {
            connectionTimeout: 5_000,
            requestTimeout: 15_000,
            httpAgent: agent,
            httpsAgent: agent
        }
    });
    return createLogsPort(client, region);
}
/**
 * Where the SDK sends CloudWatch Logs calls: AWS_ENDPOINT_URL_CLOUDWATCH_LOGS (the service id
 * "CloudWatch Logs" in upper case, words joined by `_`), else AWS_ENDPOINT_URL
 * (https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html), else the
 * regional endpoint (https://docs.aws.amazon.com/general/latest/gr/cwl_region.html).
 */
function logsEndpoint(region) {
    const { AWS_ENDPOINT_URL_CLOUDWATCH_LOGS, AWS_ENDPOINT_URL } = process.env;
    return new URL(AWS_ENDPOINT_URL_CLOUDWATCH_LOGS ||
        AWS_ENDPOINT_URL ||
        `https://logs.${region}.${(0,_model_console_links_js__WEBPACK_IMPORTED_MODULE_4__/* .dnsSuffix */ .T3)(region)}`);
}


/***/ })

};
