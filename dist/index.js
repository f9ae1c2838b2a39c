import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 2747:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   c: () => (/* binding */ STATE),
/* harmony export */   y: () => (/* binding */ cancelRelease)
/* harmony export */ });
/* harmony import */ var _ecs_rollback_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(9231);
/* harmony import */ var _release_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(1420);


/** Names of the values main leaves for the post step. */
const STATE = {
    deploymentArn: 'deployment-arn',
    cancelled: 'cancelled',
    cancelRollback: 'cancel-rollback'
};
/**
 * What the main step does when the runner cancels the job (SIGINT, then SIGTERM 7.5 s
 * later): stop following the deployment and, with rollback-on-cancel, ask ECS to roll it
 * back at once — before anything else, so the request is out well inside the grace
 * period. Without it, the deployment is left alone and the log says so.
 */
async function cancelRelease(ctx, release, abort, signal) {
    if (abort.signal.aborted)
        return;
    abort.abort();
    ctx.saveState(STATE.cancelled, 'true');
    const arn = release.deploymentArn;
    const acting = release.command === 'deploy' || release.command === 'promote';
    if (!arn || !acting) {
        ctx.log.warning(`Received ${signal}: the job is being cancelled.`);
        return;
    }
    if (!ctx.inputs.rollbackOnCancel) {
        ctx.log.warning(`Received ${signal}: the job is being cancelled. rollback-on-cancel is off, so deployment ${arn} carries on in ECS; ` +
            'run this action with command: rollback to undo it.');
        return;
    }
    const how = await (0,_ecs_rollback_js__WEBPACK_IMPORTED_MODULE_0__/* .requestRollback */ .W)(await ctx.connectEcs(), arn, (0,_release_js__WEBPACK_IMPORTED_MODULE_1__/* .awaitingHook */ .ob)(release)?.hookId);
    ctx.saveState(STATE.cancelRollback, how);
    ctx.log.warning(`Received ${signal}: asked ECS to roll back deployment ${arn} (rollback-on-cancel).`);
}


/***/ }),

/***/ 8215:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   m: () => (/* binding */ systemClock)
/* harmony export */ });
const systemClock = {
    now: () => new Date(),
    sleep: (ms, signal) => new Promise(resolve => {
        if (signal?.aborted)
            return resolve();
        const done = () => {
            clearTimeout(timer);
            signal?.removeEventListener('abort', done);
            resolve();
        };
        const timer = setTimeout(done, ms);
        signal?.addEventListener('abort', done, { once: true });
    })
};


/***/ }),

/***/ 8039:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   p: () => (/* binding */ followDeployment)
/* harmony export */ });
/* harmony import */ var _ecs_deployments_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(4739);
/* harmony import */ var _outputs_js__WEBPACK_IMPORTED_MODULE_4__ = __nccwpck_require__(8891);
/* harmony import */ var _watch_timeline_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(2686);
/* harmony import */ var _watch_timeline_log_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(5973);
/* harmony import */ var _watch_watch_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(3086);





/**
 * Follows the release's deployment: every poll is folded into the release, written to
 * the log as a timeline, reflected in the step outputs, and published to GitHub when a
 * stage, status or hook changed.
 */
async function followDeployment(ctx, ecs, release, request) {
    const arn = release.deploymentArn;
    if (!arn)
        throw new Error('No deployment to follow.');
    const timeline = new _watch_timeline_log_js__WEBPACK_IMPORTED_MODULE_3__/* .TimelineLog */ .Cm(ctx.log, release.startedAt);
    try {
        return await (0,_watch_watch_js__WEBPACK_IMPORTED_MODULE_2__/* .watchDeployment */ .Jh)({
            arn,
            describe: deploymentArn => (0,_ecs_deployments_js__WEBPACK_IMPORTED_MODULE_0__/* .describeDeployment */ .Ti)(ecs, deploymentArn),
            until: request.until,
            ignoreHookIds: request.ignoreHookIds,
            timeoutMs: request.timeoutMs ?? ctx.inputs.timeout * 60_000,
            pollIntervalMs: ctx.inputs.pollInterval * 1000,
            clock: ctx.clock,
            signal: ctx.signal,
            first: request.first,
            onSnapshot: async (deployment) => {
                const now = ctx.clock.now();
                const events = (0,_watch_timeline_js__WEBPACK_IMPORTED_MODULE_1__/* .recordDeployment */ .d)(release, deployment, now);
                timeline.write(events, now);
                const statusChanged = events.some(event => event.kind === 'status');
                timeline.serviceEvents(await request.events.poll(now, statusChanged).catch(() => []));
                (0,_outputs_js__WEBPACK_IMPORTED_MODULE_4__/* .setDeploymentOutputs */ .u)(ctx.outputs, release);
                // Not awaited: GitHub's pacing of writes must not delay the next poll.
                if (events.length > 0)
                    void ctx.reporter.publish(release, false);
            },
            onPollError: message => ctx.log.warning(message)
        });
    }
    finally {
        timeline.close();
    }
}


/***/ }),

/***/ 5599:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   W: () => (/* binding */ ServiceEventStream)
/* harmony export */ });
/* unused harmony export EVENTS_INTERVAL_MS */
/* harmony import */ var _ecs_service_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(1716);

/** Service events are read at most this often while waiting, so they cost a DescribeServices every few polls. */
const EVENTS_INTERVAL_MS = 30_000;
/**
 * The service's events since the release started, each handed out once and oldest
 * first (DescribeServices lists the newest 100, newest first).
 */
class ServiceEventStream {
    ecs;
    cluster;
    service;
    since;
    seen = new Set();
    lastReadAt = Number.NEGATIVE_INFINITY;
    /** Every event handed out, oldest first, for the diagnosis of a failure. */
    history = [];
    constructor(ecs, cluster, service, since) {
        this.ecs = ecs;
        this.cluster = cluster;
        this.service = service;
        this.since = since;
    }
    /** New events, read only when EVENTS_INTERVAL_MS has passed since the last read (or when `force`). */
    async poll(now, force = false) {
        if (!force && now.getTime() - this.lastReadAt < EVENTS_INTERVAL_MS)
            return [];
        this.lastReadAt = now.getTime();
        const { events = [] } = await (0,_ecs_service_js__WEBPACK_IMPORTED_MODULE_0__/* .describeService */ .Jv)(this.ecs, this.cluster, this.service);
        const fresh = events
            .filter(event => event.createdAt && event.createdAt >= this.since && !this.seen.has(eventKey(event)))
            .sort((a, b) => (a.createdAt?.getTime() ?? 0) - (b.createdAt?.getTime() ?? 0));
        for (const event of fresh)
            this.seen.add(eventKey(event));
        this.history.push(...fresh);
        return fresh;
    }
}
function eventKey(event) {
    return event.id ?? `${event.createdAt?.getTime()}:${event.message}`;
}


/***/ }),

/***/ 4739:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Ti: () => (/* binding */ describeDeployment),
/* harmony export */   eK: () => (/* binding */ findCurrentDeployment),
/* harmony export */   uq: () => (/* binding */ findStartedDeployment)
/* harmony export */ });
/* harmony import */ var _stages_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(118);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(1360);
/* harmony import */ var _service_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(1716);



/** Reads one service deployment; undefined when ECS does not know the ARN. */
async function describeDeployment(ecs, arn) {
    const { serviceDeployments } = await ecs.describeServiceDeployments({
        serviceDeploymentArns: [arn]
    });
    return (serviceDeployments?.find(deployment => deployment.serviceDeploymentArn === arn) ??
        serviceDeployments?.[0]);
}
/** How long a new deployment may take to become visible after UpdateService (ECS is eventually consistent). */
const FIND_TIMEOUT_MS = 60_000;
/**
 * Finds the service deployment that UpdateService started. The response's
 * currentServiceDeployment is trusted only once the deployment it names is confirmed
 * to be new (created after `since`, or targeting the new PRIMARY revision); otherwise the
 * service's deployments created since then are listed until the new one shows up.
 * The describe that confirms it doubles as the first poll of the wait.
 */
async function findStartedDeployment(request) {
    const { ecs, clock, since } = request;
    const revisionId = (0,_service_js__WEBPACK_IMPORTED_MODULE_2__/* .primaryDeployment */ .sg)(request.updated ?? {})
        ?.id?.split('/')
        .pop();
    const isNew = (deployment) => deployment !== undefined &&
        ((deployment.createdAt !== undefined && deployment.createdAt >= since) ||
            (revisionId !== undefined &&
                deployment.targetServiceRevision?.arn?.endsWith(`/${revisionId}`) === true));
    const reported = request.updated?.currentServiceDeployment;
    const deadline = clock.now().getTime() + FIND_TIMEOUT_MS;
    let lastError;
    for (let delay = 1000;; delay = Math.min(delay * 2, 8000)) {
        try {
            const confirmed = reported ? await describeDeployment(ecs, reported) : undefined;
            if (isNew(confirmed))
                return confirmed;
            const candidate = await newestDeploymentSince(request, revisionId);
            const listed = candidate ? await describeDeployment(ecs, candidate) : undefined;
            if (isNew(listed))
                return listed;
        }
        catch (error) {
            if (!(0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .isTransientError */ .bV)(error))
                throw error;
            lastError = error;
            request.onRetry?.(`Looking for the new deployment: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .describeAwsError */ .Pp)(error)}; retrying.`);
        }
        if (clock.now().getTime() + delay > deadline)
            break;
        await clock.sleep(delay);
    }
    const why = lastError
        ? `ECS did not answer (${(0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .describeAwsError */ .Pp)(lastError)})`
        : 'no new deployment appeared';
    throw new Error(`UpdateService succeeded, but the new deployment of service '${request.service}' could not be confirmed ` +
        `within ${FIND_TIMEOUT_MS / 1000} s: ${why}.` +
        (reported ? ` UpdateService named deployment ${reported}.` : '') +
        " Look at the service's Deployments tab in the ECS console.");
}
function newestFirst(a, b) {
    return (b.createdAt?.getTime() ?? 0) - (a.createdAt?.getTime() ?? 0);
}
/** Among the deployments created since `since`, the one for the new revision, else the newest. */
async function newestDeploymentSince(request, revisionId) {
    const { serviceDeployments = [] } = await request.ecs.listServiceDeployments({
        cluster: request.cluster,
        service: request.service,
        createdAt: { after: request.since }
    });
    const matching = serviceDeployments.find(brief => revisionId !== undefined && brief.targetServiceRevisionArn?.endsWith(`/${revisionId}`));
    const newest = [...serviceDeployments].sort(newestFirst)[0];
    return (matching ?? newest)?.serviceDeploymentArn;
}
/**
 * The service's current deployment: the one DescribeServices names, else the newest
 * one still under way. Whether it can still be acted on is the caller's question.
 */
async function findCurrentDeployment(ecs, cluster, service) {
    const current = (await (0,_service_js__WEBPACK_IMPORTED_MODULE_2__/* .describeService */ .Jv)(ecs, cluster, service)).currentServiceDeployment;
    if (current)
        return current;
    const { serviceDeployments = [] } = await ecs.listServiceDeployments({
        cluster,
        service,
        status: [
            'PENDING',
            'IN_PROGRESS',
            'STOP_REQUESTED',
            'ROLLBACK_REQUESTED',
            'ROLLBACK_IN_PROGRESS'
        ]
    });
    return serviceDeployments.filter(brief => (0,_stages_js__WEBPACK_IMPORTED_MODULE_0__/* .isOngoingStatus */ .sR)(brief.status)).sort(newestFirst)[0]
        ?.serviceDeploymentArn;
}


/***/ }),

/***/ 1360:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Is: () => (/* binding */ errorName),
/* harmony export */   Pp: () => (/* binding */ describeAwsError),
/* harmony export */   bV: () => (/* binding */ isTransientError)
/* harmony export */ });
/* unused harmony export errorMessage */
const TRANSIENT_NAMES = new Set([
    'ThrottlingException',
    'Throttling',
    'TooManyRequestsException',
    'RequestLimitExceeded',
    'ServerException',
    'ServiceUnavailable',
    'ServiceUnavailableException',
    'InternalFailure',
    'InternalServerError',
    'TimeoutError',
    'RequestTimeout',
    'RequestTimeoutException'
]);
const NETWORK_CODES = new Set([
    'ECONNRESET',
    'ECONNREFUSED',
    'ETIMEDOUT',
    'EPIPE',
    'EAI_AGAIN',
    'ENOTFOUND',
    'ECONNABORTED'
]);
function shape(error) {
    return typeof error === 'object' && error !== null ? error : {};
}
function errorName(error) {
    return shape(error).name ?? 'Error';
}
function errorMessage(error) {
    return error instanceof Error ? error.message : String(error);
}
/**
 * Errors that say nothing about the request itself: throttling, server faults, dropped
 * or timed-out connections. A read can simply be repeated after one of these.
 */
function isTransientError(error) {
    const { name, code, $fault, $retryable, $metadata } = shape(error);
    if (name && TRANSIENT_NAMES.has(name))
        return true;
    if (code && NETWORK_CODES.has(code))
        return true;
    if ($retryable)
        return true;
    if ($fault === 'server' || ($metadata?.httpStatusCode ?? 0) >= 500)
        return true;
    // ECS answered and refused the request; its message may well say "network" (networkMode, a cluster's name).
    if ($fault === 'client')
        return false;
    return /socket hang up|ECONNRESET|ECONNREFUSED|ETIMEDOUT|EPIPE|network/i.test(errorMessage(error));
}
/** `ThrottlingException: Rate exceeded (after 5 attempts)`, for logs. */
function describeAwsError(error) {
    const { name, $metadata } = shape(error);
    const attempts = $metadata?.attempts && $metadata.attempts > 1 ? ` (after ${$metadata.attempts} attempts)` : '';
    const prefix = name && name !== 'Error' ? `${name}: ` : '';
    return `${prefix}${errorMessage(error)}${attempts}`;
}


/***/ }),

/***/ 9231:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   W: () => (/* binding */ requestRollback)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(1360);

/**
 * Asks ECS to roll the deployment back: a paused deployment is answered ROLLBACK at its
 * pause (ContinueServiceDeployment); anything else under way is stopped with ROLLBACK
 * (StopServiceDeployment). If the pause was answered meanwhile, the stop still applies.
 */
async function requestRollback(ecs, serviceDeploymentArn, pausedHookId) {
    if (pausedHookId) {
        try {
            await ecs.continueServiceDeployment({
                serviceDeploymentArn,
                hookId: pausedHookId,
                action: 'ROLLBACK'
            });
            return 'continue-rollback';
        }
        catch (error) {
            if (!['InvalidParameterException', 'ClientException'].includes((0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorName */ .Is)(error)))
                throw error;
        }
    }
    await ecs.stopServiceDeployment({ serviceDeploymentArn, stopType: 'ROLLBACK' });
    return 'stop-rollback';
}


/***/ }),

/***/ 1716:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Jv: () => (/* binding */ describeService),
/* harmony export */   kh: () => (/* binding */ ongoingDeploymentId),
/* harmony export */   sg: () => (/* binding */ primaryDeployment)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(1360);

/** Reads the service, turning ECS's "not found" answers into errors that say what to check. */
async function describeService(ecs, cluster, serviceName) {
    let services;
    try {
        ;
        ({ services } = await ecs.describeServices({ cluster, services: [serviceName] }));
    }
    catch (error) {
        if ((0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorName */ .Is)(error) === 'ClusterNotFoundException') {
            throw new Error(`Cluster '${cluster}' was not found in ${ecs.region}. Check the cluster input and the AWS region.`, { cause: error });
        }
        throw error;
    }
    const service = services?.[0];
    if (!service) {
        throw new Error(`Service '${serviceName}' was not found in cluster '${cluster}' (${ecs.region}). ` +
            'Check the service and cluster inputs and the AWS region.');
    }
    if (service.status !== 'ACTIVE') {
        throw new Error(`Service '${serviceName}' is ${service.status ?? 'not active'}; only an ACTIVE service can be released.`);
    }
    return service;
}
/** The deployment whose settings are the service's now (its Service Connect configuration lives there). */
function primaryDeployment(service) {
    return service.deployments?.find(deployment => deployment.status === 'PRIMARY');
}
/**
 * The deployment under way when the service has more than one: ECS keeps the old revision
 * as ACTIVE until the PRIMARY one finishes. A new deployment supersedes it.
 */
function ongoingDeploymentId(service) {
    const deployments = service.deployments ?? [];
    return deployments.length > 1 ? (primaryDeployment(service)?.id ?? deployments[0]?.id) : undefined;
}


/***/ }),

/***/ 629:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _main_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(2082);
/* harmony import */ var _post_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(1323);
/* harmony import */ var _workflow_commands_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(1999);



// One bundle serves both steps of action.yml; the post step sees the state main saved.
if (_workflow_commands_js__WEBPACK_IMPORTED_MODULE_2__/* .getState */ .Gu('isPost') === 'true') {
    await (0,_post_js__WEBPACK_IMPORTED_MODULE_1__/* .post */ .b)();
}
else {
    _workflow_commands_js__WEBPACK_IMPORTED_MODULE_2__/* .saveState */ .LZ('isPost', 'true');
    await (0,_main_js__WEBPACK_IMPORTED_MODULE_0__/* .run */ .eF)();
}

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 1570:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   d: () => (/* binding */ InputError)
/* harmony export */ });
/** A bad input value: the message names the input and says what is allowed. */
class InputError extends Error {
    input;
    constructor(input, detail) {
        super(`Input '${input}': ${detail}`);
        this.input = input;
        this.name = 'InputError';
    }
}


/***/ }),

/***/ 6128:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   $J: () => (/* binding */ parseNumber),
/* harmony export */   $Q: () => (/* binding */ clip),
/* harmony export */   E1: () => (/* binding */ parseList),
/* harmony export */   FF: () => (/* binding */ parseKeyValueLines),
/* harmony export */   Nv: () => (/* binding */ checkLength),
/* harmony export */   nL: () => (/* binding */ parseEnum),
/* harmony export */   yG: () => (/* binding */ parseBoolean)
/* harmony export */ });
/* unused harmony exports MAX_INPUT_LENGTH, parseLines */
/* harmony import */ var _input_error_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(1570);

/** Longest single input we accept; far above any real value, far below what could hurt the runner. */
const MAX_INPUT_LENGTH = 256 * 1024;
function checkLength(name, raw) {
    if (raw.length > MAX_INPUT_LENGTH) {
        throw new _input_error_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .d(name, `is ${raw.length} characters long; at most ${MAX_INPUT_LENGTH} are accepted.`);
    }
    return raw;
}
function parseEnum(name, raw, allowed) {
    if (allowed.includes(raw))
        return raw;
    const hint = allowed.find(value => value.toLowerCase() === raw.toLowerCase());
    throw new _input_error_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .d(name, `'${clip(raw)}' is not allowed${hint ? ` (did you mean '${hint}'?)` : ''}; use one of ${allowed.join(', ')}.`);
}
function parseBoolean(name, raw) {
    if (['true', 'True', 'TRUE'].includes(raw))
        return true;
    if (['false', 'False', 'FALSE'].includes(raw))
        return false;
    throw new _input_error_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .d(name, `'${clip(raw)}' is not a boolean; use true or false.`);
}
function parseNumber(name, raw, rule) {
    const value = /^[+]?(\d+(\.\d*)?|\.\d+)$/.test(raw) ? Number(raw) : Number.NaN;
    const range = `a number of ${rule.unit} from ${rule.min} to ${rule.max}`;
    if (!Number.isFinite(value) || value < rule.min || value > rule.max) {
        throw new _input_error_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .d(name, `'${clip(raw)}' is not ${range}.`);
    }
    if (rule.step !== undefined && !isMultiple(value, rule.step)) {
        throw new _input_error_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .d(name, `'${clip(raw)}' must be ${rule.step === 1 ? 'a whole number' : `a multiple of ${rule.step}`} (${range}).`);
    }
    return value;
}
function isMultiple(value, step) {
    const ratio = value / step;
    return Math.abs(ratio - Math.round(ratio)) < 1e-9;
}
/** Non-empty trimmed lines; `#` starts a comment line. */
function parseLines(raw) {
    return raw
        .split(/\r?\n/)
        .map(line => line.trim())
        .filter(line => line !== '' && !line.startsWith('#'));
}
/** Items separated by commas or newlines. */
function parseList(raw) {
    return raw
        .split(/[,\r\n]/)
        .map(item => item.trim())
        .filter(item => item !== '');
}
/**
 * `key=value` lines; the value may itself contain `=`. `checkKey` runs before a key is
 * quoted in any message, so a caller whose bad keys may hold a value can refuse them unquoted.
 */
function parseKeyValueLines(name, raw, shape, checkKey = () => { }) {
    const seen = new Set();
    return parseLines(raw).map((line, index) => {
        const at = line.indexOf('=');
        const key = line.slice(0, Math.max(at, 0)).trim();
        if (key === '')
            throw new _input_error_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .d(name, `line ${index + 1} is not ${shape}.`);
        checkKey(key, index + 1);
        const value = line.slice(at + 1).trim();
        if (seen.has(key))
            throw new _input_error_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .d(name, `'${clip(key)}' is given twice.`);
        seen.add(key);
        return { key, value };
    });
}
/** Shortens a value quoted in an error message, so a huge input does not flood the log. */
function clip(text, max = 80) {
    return text.length > max ? `${text.slice(0, max)}…` : text;
}


/***/ }),

/***/ 5396:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   GP: () => (/* binding */ getInputs)
/* harmony export */ });
/* unused harmony exports COMMANDS, STRATEGIES */
/* harmony import */ var _input_error_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(1570);
/* harmony import */ var _input_values_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(6128);
/* harmony import */ var _lifecycle_hooks_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(9404);
/* harmony import */ var _stages_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(118);




const COMMANDS = ['deploy', 'promote', 'rollback', 'status', 'render'];
const STRATEGIES = ['BLUE_GREEN', 'CANARY', 'LINEAR'];
/** Inputs that only some commands use; giving one to another command is a mistake worth stopping for. */
const COMMAND_INPUTS = {
    'task-definition': ['deploy', 'render'],
    'container-name': ['deploy', 'render'],
    image: ['deploy', 'render'],
    images: ['deploy', 'render'],
    'environment-variables': ['deploy', 'render'],
    strategy: ['deploy'],
    'bake-time': ['deploy'],
    'canary-percent': ['deploy'],
    'canary-bake-time': ['deploy'],
    'linear-step-percent': ['deploy'],
    'linear-step-bake-time': ['deploy'],
    'test-traffic-header': ['deploy'],
    'lifecycle-hooks': ['deploy'],
    'pause-at': ['deploy'],
    'deployment-arn': ['promote', 'rollback', 'status']
};
const MINUTES_0_TO_1440 = { min: 0, max: 1440, unit: 'minutes', step: 1 };
const CONTAINER_NAME = /^[A-Za-z0-9_-]{1,255}$/;
const IMAGE = /^[A-Za-z0-9._:/@#+-]{1,1024}$/;
const ENV_NAME = /^[^\s=]{1,255}$/;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,128}$/;
const RESOURCE_NAME = /^[A-Za-z0-9_:/.-]{1,1600}$/;
const DEPLOYMENT_ARN = /^arn:aws[a-z-]*:ecs:[a-z0-9-]+:\d{12}:service-deployment\/[A-Za-z0-9_-]{1,255}\/[A-Za-z0-9_-]{1,255}\/[A-Za-z0-9_-]+$/;
/** Parses and validates every input; throws an InputError naming the first bad one. */
function getInputs(read) {
    const get = (name) => (0,_input_values_js__WEBPACK_IMPORTED_MODULE_1__/* .checkLength */ .Nv)(name, read(name).trim());
    const optional = (name) => get(name) || undefined;
    const number = (name, rule) => {
        const raw = get(name);
        return raw === '' ? undefined : (0,_input_values_js__WEBPACK_IMPORTED_MODULE_1__/* .parseNumber */ .$J)(name, raw, rule);
    };
    const command = (0,_input_values_js__WEBPACK_IMPORTED_MODULE_1__/* .parseEnum */ .nL)('command', get('command') || 'deploy', COMMANDS);
    for (const [name, commands] of Object.entries(COMMAND_INPUTS)) {
        if (get(name) !== '' && !commands.includes(command)) {
            throw new _input_error_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .d(name, `is not used by command '${command}' (only by ${commands.join(', ')}); remove it from this step.`);
        }
    }
    const taskDefinition = optional('task-definition');
    const service = get('service');
    if (service === '' && !(command === 'render' && taskDefinition)) {
        throw new _input_error_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .d('service', `is required for command '${command}'${command === 'render' ? ' without a task-definition file' : ''}.`);
    }
    const cluster = get('cluster') || 'default';
    checkResourceName('service', service);
    checkResourceName('cluster', cluster);
    const containerName = optional('container-name');
    if (containerName !== undefined && !CONTAINER_NAME.test(containerName)) {
        throw new _input_error_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .d('container-name', `'${(0,_input_values_js__WEBPACK_IMPORTED_MODULE_1__/* .clip */ .$Q)(containerName)}' is not a container name (letters, digits, - and _).`);
    }
    return {
        command,
        cluster,
        service,
        taskDefinition,
        containerName,
        images: parseImages(containerName, optional('image'), get('images')),
        environmentVariables: parseEnvironment(containerName, get('environment-variables')),
        strategy: parseStrategy(get('strategy')),
        bakeTime: number('bake-time', MINUTES_0_TO_1440),
        canaryPercent: number('canary-percent', { min: 0.1, max: 100, unit: 'percent', step: 0.1 }),
        canaryBakeTime: number('canary-bake-time', MINUTES_0_TO_1440),
        linearStepPercent: number('linear-step-percent', {
            min: 3,
            max: 100,
            unit: 'percent',
            step: 0.1
        }),
        linearStepBakeTime: number('linear-step-bake-time', MINUTES_0_TO_1440),
        testTrafficHeader: parseHeader(get('test-traffic-header')),
        lifecycleHooks: get('lifecycle-hooks') === '' ? undefined : (0,_lifecycle_hooks_js__WEBPACK_IMPORTED_MODULE_2__/* .parseLifecycleHooks */ .Eb)(get('lifecycle-hooks')),
        pauseAt: parsePauseStages(get('pause-at')),
        pauseTimeout: (0,_input_values_js__WEBPACK_IMPORTED_MODULE_1__/* .parseNumber */ .$J)('pause-timeout', get('pause-timeout') || '1440', {
            min: 1,
            max: _lifecycle_hooks_js__WEBPACK_IMPORTED_MODULE_2__/* .MAX_PAUSE_TIMEOUT */ .AN,
            unit: 'minutes',
            step: 1
        }),
        pauseTimeoutAction: (0,_input_values_js__WEBPACK_IMPORTED_MODULE_1__/* .parseEnum */ .nL)('pause-timeout-action', get('pause-timeout-action') || 'ROLLBACK', ['ROLLBACK', 'CONTINUE']),
        waitUntil: parseWaitUntil(get('wait-until') || 'complete'),
        timeout: (0,_input_values_js__WEBPACK_IMPORTED_MODULE_1__/* .parseNumber */ .$J)('timeout', get('timeout') || '60', {
            min: 1,
            max: 43200,
            unit: 'minutes'
        }),
        pollInterval: (0,_input_values_js__WEBPACK_IMPORTED_MODULE_1__/* .parseNumber */ .$J)('poll-interval', get('poll-interval') || '10', {
            min: 1,
            max: 3600,
            unit: 'seconds'
        }),
        rollbackOnCancel: (0,_input_values_js__WEBPACK_IMPORTED_MODULE_1__/* .parseBoolean */ .yG)('rollback-on-cancel', get('rollback-on-cancel') || 'false'),
        rollbackOnTimeout: (0,_input_values_js__WEBPACK_IMPORTED_MODULE_1__/* .parseBoolean */ .yG)('rollback-on-timeout', get('rollback-on-timeout') || 'false'),
        deploymentArn: parseDeploymentArn(optional('deployment-arn')),
        githubToken: get('github-token'),
        prComment: (0,_input_values_js__WEBPACK_IMPORTED_MODULE_1__/* .parseBoolean */ .yG)('pr-comment', get('pr-comment') || 'true'),
        checkRun: (0,_input_values_js__WEBPACK_IMPORTED_MODULE_1__/* .parseBoolean */ .yG)('check-run', get('check-run') || 'true'),
        checkName: optional('check-name'),
        jobSummary: (0,_input_values_js__WEBPACK_IMPORTED_MODULE_1__/* .parseBoolean */ .yG)('job-summary', get('job-summary') || 'true')
    };
}
function checkResourceName(name, value) {
    if (value !== '' && !RESOURCE_NAME.test(value)) {
        throw new _input_error_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .d(name, `'${(0,_input_values_js__WEBPACK_IMPORTED_MODULE_1__/* .clip */ .$Q)(value)}' is not an ECS ${name} name or ARN.`);
    }
}
function parseImages(containerName, image, rawImages) {
    const overrides = [];
    if (image !== undefined) {
        if (containerName === undefined) {
            throw new _input_error_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .d('image', 'needs container-name: say which container runs this image (or use images: container=image).');
        }
        overrides.push({
            container: containerName,
            image: checkImage('image', image),
            input: 'container-name'
        });
    }
    const checkContainer = (key) => {
        if (!CONTAINER_NAME.test(key)) {
            throw new _input_error_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .d('images', `'${(0,_input_values_js__WEBPACK_IMPORTED_MODULE_1__/* .clip */ .$Q)(key)}' is not a container name (letters, digits, - and _).`);
        }
    };
    for (const { key, value } of (0,_input_values_js__WEBPACK_IMPORTED_MODULE_1__/* .parseKeyValueLines */ .FF)('images', rawImages, 'container=image', checkContainer)) {
        const earlier = overrides.find(override => override.container === key);
        if (earlier)
            throw new _input_error_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .d('images', `container '${key}' already gets an image from container-name and image.`);
        overrides.push({ container: key, image: checkImage('images', value), input: 'images' });
    }
    return overrides;
}
function checkImage(input, image) {
    if (!IMAGE.test(image)) {
        throw new _input_error_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .d(input, `'${(0,_input_values_js__WEBPACK_IMPORTED_MODULE_1__/* .clip */ .$Q)(image)}' is not an image reference (e.g. 123456789012.dkr.ecr.us-east-1.amazonaws.com/web:1.2.3).`);
    }
    return image;
}
function parseEnvironment(containerName, raw) {
    // A bad name is not quoted: in `DB_URL: postgres://user:password@host/db?sslmode=require`
    // everything before the first '=' would be taken as the name, password included.
    const checkName = (key, line) => {
        if (!ENV_NAME.test(key)) {
            throw new _input_error_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .d('environment-variables', `line ${line}: the name before '=' is not a variable name (no spaces; at most 255 characters). Write one KEY=value per line.`);
        }
    };
    const pairs = (0,_input_values_js__WEBPACK_IMPORTED_MODULE_1__/* .parseKeyValueLines */ .FF)('environment-variables', raw, 'KEY=value', checkName);
    if (pairs.length > 0 && containerName === undefined) {
        throw new _input_error_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .d('environment-variables', 'needs container-name: say which container gets these variables.');
    }
    return pairs.map(({ key, value }) => ({ name: key, value }));
}
function parseStrategy(raw) {
    if (raw === '')
        return undefined;
    if (raw.toUpperCase() === 'ROLLING') {
        throw new _input_error_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .d('strategy', 'ROLLING is not a blue/green strategy; this action releases with BLUE_GREEN, CANARY or LINEAR.');
    }
    return (0,_input_values_js__WEBPACK_IMPORTED_MODULE_1__/* .parseEnum */ .nL)('strategy', raw, STRATEGIES);
}
function parseHeader(raw) {
    if (raw === '')
        return undefined;
    const at = raw.search(/[:=]/);
    const name = at === -1 ? '' : raw.slice(0, at).trim();
    const value = at === -1 ? '' : raw.slice(at + 1).trim();
    if (at === -1) {
        throw new _input_error_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .d('test-traffic-header', `'${(0,_input_values_js__WEBPACK_IMPORTED_MODULE_1__/* .clip */ .$Q)(raw)}' has no separator; write 'name: value' or 'name=value'.`);
    }
    if (!HEADER_NAME.test(name)) {
        throw new _input_error_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .d('test-traffic-header', `'${(0,_input_values_js__WEBPACK_IMPORTED_MODULE_1__/* .clip */ .$Q)(name)}' is not an HTTP header name.`);
    }
    if (value === '' || /[\r\n]/.test(value) || value.length > 512) {
        throw new _input_error_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .d('test-traffic-header', 'needs a value to match exactly after the separator (one line, at most 512 characters).');
    }
    return { name, value };
}
function parsePauseStages(raw) {
    const stages = (0,_input_values_js__WEBPACK_IMPORTED_MODULE_1__/* .parseList */ .E1)(raw).map(stage => {
        if (stage === 'TEST_TRAFFIC_SHIFT' || stage === 'PRODUCTION_TRAFFIC_SHIFT') {
            throw new _input_error_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .d('pause-at', `cannot pause at ${stage}: ECS runs only Lambda hooks while traffic shifts; use POST_${stage} or PRE_PRODUCTION_TRAFFIC_SHIFT.`);
        }
        return (0,_input_values_js__WEBPACK_IMPORTED_MODULE_1__/* .parseEnum */ .nL)('pause-at', stage, _stages_js__WEBPACK_IMPORTED_MODULE_3__/* .PAUSE_STAGES */ .x_);
    });
    if (new Set(stages).size !== stages.length)
        throw new _input_error_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .d('pause-at', 'lists a stage twice.');
    return stages;
}
function parseWaitUntil(raw) {
    if (raw === 'complete' || raw === 'paused' || raw === 'none')
        return { kind: raw };
    const stage = (0,_input_values_js__WEBPACK_IMPORTED_MODULE_1__/* .parseEnum */ .nL)('wait-until', raw, ['complete', 'paused', 'none', ..._stages_js__WEBPACK_IMPORTED_MODULE_3__/* .LIFECYCLE_STAGES */ .tJ]);
    return { kind: 'stage', stage };
}
function parseDeploymentArn(raw) {
    if (raw !== undefined && !DEPLOYMENT_ARN.test(raw)) {
        throw new _input_error_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .d('deployment-arn', `'${(0,_input_values_js__WEBPACK_IMPORTED_MODULE_1__/* .clip */ .$Q)(raw)}' is not a service deployment ARN (arn:aws:ecs:<region>:<account>:service-deployment/<cluster>/<service>/<id>).`);
    }
    return raw;
}


/***/ }),

/***/ 9404:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   AN: () => (/* binding */ MAX_PAUSE_TIMEOUT),
/* harmony export */   Eb: () => (/* binding */ parseLifecycleHooks),
/* harmony export */   cx: () => (/* binding */ checkHookCounts),
/* harmony export */   zc: () => (/* binding */ withPauseHooks)
/* harmony export */ });
/* unused harmony export MAX_HOOKS_PER_TYPE */
/* harmony import */ var _input_error_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(1570);
/* harmony import */ var _input_values_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(6128);
/* harmony import */ var _stages_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(118);
/* harmony import */ var _structured_text_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(2704);




const HOOK_FIELDS = [
    'targetType',
    'hookTargetArn',
    'roleArn',
    'lifecycleStages',
    'hookDetails',
    'timeoutConfiguration'
];
const TIMEOUT_FIELDS = ['timeoutInMinutes', 'action'];
const TIMEOUT_ACTIONS = ['ROLLBACK', 'CONTINUE'];
/** ECS limits (DeploymentLifecycleHook docs): Lambda hooks wait up to a day, pauses up to 14 days. */
const MAX_LAMBDA_TIMEOUT = 1440;
const MAX_PAUSE_TIMEOUT = 20160;
const MAX_HOOKS_PER_TYPE = 10;
const LAMBDA_ARN = /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]{1,64}(:[A-Za-z0-9_$-]+)?$/;
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;
const INPUT = 'lifecycle-hooks';
/** Parses the `lifecycle-hooks` input: a YAML or JSON list of DeploymentLifecycleHook objects. */
function parseLifecycleHooks(raw) {
    let value;
    try {
        value = (0,_structured_text_js__WEBPACK_IMPORTED_MODULE_3__/* .parseStructuredText */ .SQ)(raw);
    }
    catch (error) {
        throw new _input_error_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .d(INPUT, error.message);
    }
    if (!Array.isArray(value)) {
        throw new _input_error_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .d(INPUT, 'must be a list of lifecycle hooks (a YAML or JSON list of objects).');
    }
    const hooks = value.map((item, index) => parseHook(item, `hook ${index + 1}`));
    checkHookCounts(INPUT, hooks);
    return hooks;
}
function parseHook(item, where) {
    if (!(0,_structured_text_js__WEBPACK_IMPORTED_MODULE_3__/* .isPlainObject */ .Qd)(item))
        throw new _input_error_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .d(INPUT, `${where} is not an object.`);
    rejectUnknownFields(item, HOOK_FIELDS, where);
    const targetType = item.targetType ?? 'AWS_LAMBDA';
    if (targetType !== 'AWS_LAMBDA' && targetType !== 'PAUSE') {
        throw new _input_error_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .d(INPUT, `${where}: targetType must be AWS_LAMBDA or PAUSE.`);
    }
    const isPause = targetType === 'PAUSE';
    const hook = {
        targetType,
        lifecycleStages: parseStages(item.lifecycleStages, isPause, where)
    };
    if (isPause) {
        if (item.hookTargetArn !== undefined || item.roleArn !== undefined) {
            throw new _input_error_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .d(INPUT, `${where}: a PAUSE hook takes no hookTargetArn or roleArn.`);
        }
    }
    else {
        hook.hookTargetArn = matchString(item.hookTargetArn, LAMBDA_ARN, `${where}: hookTargetArn`, 'a Lambda function ARN');
        hook.roleArn = matchString(item.roleArn, ROLE_ARN, `${where}: roleArn`, 'an IAM role ARN that ECS can assume to invoke the function');
    }
    if (item.hookDetails !== undefined)
        hook.hookDetails = item.hookDetails;
    if (item.timeoutConfiguration !== undefined) {
        hook.timeoutConfiguration = parseTimeout(item.timeoutConfiguration, isPause ? MAX_PAUSE_TIMEOUT : MAX_LAMBDA_TIMEOUT, where);
    }
    return hook;
}
function parseStages(value, isPause, where) {
    const allowed = isPause ? _stages_js__WEBPACK_IMPORTED_MODULE_2__/* .PAUSE_STAGES */ .x_ : _stages_js__WEBPACK_IMPORTED_MODULE_2__/* .HOOK_STAGES */ .uw;
    if (!Array.isArray(value) || value.length === 0) {
        throw new _input_error_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .d(INPUT, `${where}: lifecycleStages must be a non-empty list of stages (${allowed.join(', ')}).`);
    }
    for (const stage of value) {
        if (typeof stage !== 'string' || !allowed.includes(stage)) {
            const why = isPause && _stages_js__WEBPACK_IMPORTED_MODULE_2__/* .HOOK_STAGES */ .uw.includes(String(stage))
                ? 'ECS runs only Lambda hooks while traffic shifts'
                : 'it is not a lifecycle hook stage';
            throw new _input_error_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .d(INPUT, `${where}: '${(0,_input_values_js__WEBPACK_IMPORTED_MODULE_1__/* .clip */ .$Q)(String(stage))}' is not allowed (${why}); use ${allowed.join(', ')}.`);
        }
    }
    if (new Set(value).size !== value.length)
        throw new _input_error_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .d(INPUT, `${where}: lifecycleStages lists a stage twice.`);
    return value;
}
function parseTimeout(value, maxMinutes, where) {
    if (!(0,_structured_text_js__WEBPACK_IMPORTED_MODULE_3__/* .isPlainObject */ .Qd)(value))
        throw new _input_error_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .d(INPUT, `${where}: timeoutConfiguration must be an object.`);
    rejectUnknownFields(value, TIMEOUT_FIELDS, `${where}: timeoutConfiguration`);
    const timeout = {};
    if (value.timeoutInMinutes !== undefined) {
        const minutes = value.timeoutInMinutes;
        if (typeof minutes !== 'number' ||
            !Number.isInteger(minutes) ||
            minutes < 1 ||
            minutes > maxMinutes) {
            throw new _input_error_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .d(INPUT, `${where}: timeoutInMinutes must be a whole number from 1 to ${maxMinutes}.`);
        }
        timeout.timeoutInMinutes = minutes;
    }
    if (value.action !== undefined) {
        if (typeof value.action !== 'string' || !TIMEOUT_ACTIONS.includes(value.action)) {
            throw new _input_error_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .d(INPUT, `${where}: timeoutConfiguration.action must be ROLLBACK or CONTINUE.`);
        }
        timeout.action = value.action;
    }
    return timeout;
}
function matchString(value, pattern, what, expected) {
    if (typeof value !== 'string' || !pattern.test(value)) {
        throw new _input_error_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .d(INPUT, `${what} must be ${expected}${value === undefined ? '' : `, got '${(0,_input_values_js__WEBPACK_IMPORTED_MODULE_1__/* .clip */ .$Q)(String(value))}'`}.`);
    }
    return value;
}
function rejectUnknownFields(object, known, where) {
    const unknown = Object.keys(object).filter(key => !known.includes(key));
    if (unknown.length > 0) {
        throw new _input_error_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .d(INPUT, `${where} has unknown field ${unknown.map(key => `'${(0,_input_values_js__WEBPACK_IMPORTED_MODULE_1__/* .clip */ .$Q)(key)}'`).join(', ')}; known fields are ${known.join(', ')}.`);
    }
}
/** ECS allows at most ten Lambda hooks and ten pause hooks on a service. */
function checkHookCounts(input, hooks) {
    for (const type of ['AWS_LAMBDA', 'PAUSE']) {
        const count = hooks.filter(hook => (hook.targetType ?? 'AWS_LAMBDA') === type).length;
        if (count > MAX_HOOKS_PER_TYPE) {
            throw new _input_error_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .d(input, `gives ${count} ${type} hooks; ECS allows at most ${MAX_HOOKS_PER_TYPE}.`);
        }
    }
}
/**
 * Adds one PAUSE hook per stage of `pause-at`. A PAUSE hook already at one of those stages
 * loses that stage (and is dropped when it has none left), so each stage pauses once.
 */
function withPauseHooks(hooks, stages, timeoutInMinutes, action) {
    if (stages.length === 0)
        return hooks;
    const kept = hooks.flatMap(hook => {
        if (hook.targetType !== 'PAUSE')
            return [hook];
        const remaining = (hook.lifecycleStages ?? []).filter(stage => !stages.includes(stage));
        return remaining.length > 0 ? [{ ...hook, lifecycleStages: remaining }] : [];
    });
    const pauses = stages.map(stage => ({
        targetType: 'PAUSE',
        lifecycleStages: [stage],
        timeoutConfiguration: { timeoutInMinutes, action }
    }));
    return [...kept, ...pauses];
}


/***/ }),

/***/ 1107:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   C: () => (/* binding */ formatElapsed),
/* harmony export */   f: () => (/* binding */ formatTime)
/* harmony export */ });
/** `HH:MM:SS` in UTC, the runner's log time zone. */
function formatTime(date) {
    return date.toISOString().slice(11, 19);
}
/** `+1h02m05s`, `+3m07s`, `+12s`: time since the release started. */
function formatElapsed(ms) {
    const total = Math.max(0, Math.round(ms / 1000));
    const hours = Math.floor(total / 3600);
    const minutes = Math.floor((total % 3600) / 60);
    const seconds = total % 60;
    const pad = (n) => String(n).padStart(2, '0');
    if (hours > 0)
        return `+${hours}h${pad(minutes)}m${pad(seconds)}s`;
    if (minutes > 0)
        return `+${minutes}m${pad(seconds)}s`;
    return `+${seconds}s`;
}


/***/ }),

/***/ 2082:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  q6: () => (/* binding */ createContext),
  bD: () => (/* binding */ messageOf),
  eF: () => (/* binding */ run)
});

// UNUSED EXPORTS: actionsLog

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __nccwpck_require__(8161);
// EXTERNAL MODULE: ./src/cancel.ts
var cancel = __nccwpck_require__(2747);
// EXTERNAL MODULE: ./src/clock.ts
var clock = __nccwpck_require__(8215);
// EXTERNAL MODULE: ./src/diagnose/service-events.ts
var service_events = __nccwpck_require__(5599);
// EXTERNAL MODULE: ./src/ecs/deployments.ts
var deployments = __nccwpck_require__(4739);
// EXTERNAL MODULE: ./src/ecs/service.ts
var ecs_service = __nccwpck_require__(1716);
// EXTERNAL MODULE: ./src/input-error.ts
var input_error = __nccwpck_require__(1570);
// EXTERNAL MODULE: ./src/lifecycle-hooks.ts
var lifecycle_hooks = __nccwpck_require__(9404);
;// CONCATENATED MODULE: ./src/ecs/service-update.ts



/**
 * Checks that the service can take an ECS-native blue/green release with these inputs,
 * and builds the one UpdateService call that starts it. The deployment configuration
 * sent is the service's own with only the fields the inputs give changed, so circuit
 * breaker and alarm settings are never dropped; load balancers are never re-sent (ECS
 * swaps target groups itself, and re-sending the declared layout would undo that).
 */
function planServiceUpdate(service, inputs) {
    const name = service.serviceName ?? inputs.service;
    const controller = service.deploymentController?.type ?? 'ECS';
    if (controller !== 'ECS') {
        throw new Error(`Service '${name}' uses the ${controller} deployment controller. This action drives ECS-native ` +
            'blue/green deployments, which need the ECS controller (deploymentController type ECS with strategy ' +
            'BLUE_GREEN, CANARY or LINEAR). For CodeDeploy, use aws-actions/amazon-ecs-deploy-task-definition.');
    }
    const current = service.deploymentConfiguration ?? {};
    const currentStrategy = current.strategy ?? 'ROLLING';
    const strategy = inputs.strategy ?? currentStrategy;
    if (strategy === 'ROLLING') {
        throw new Error(`Service '${name}' uses ROLLING deployments. Set the strategy input (BLUE_GREEN, CANARY or LINEAR) ` +
            'to switch it to a blue/green release.');
    }
    checkStrategySettings(inputs, strategy);
    if (strategy !== currentStrategy)
        checkLoadBalancersReady(service, name);
    const configuration = mergeDeploymentConfiguration(current, inputs, strategy);
    const hooks = configuration?.lifecycleHooks ?? current.lifecycleHooks ?? [];
    (0,lifecycle_hooks/* checkHookCounts */.cx)(inputs.lifecycleHooks ? 'lifecycle-hooks' : 'pause-at', hooks);
    if (inputs.waitUntil.kind === 'paused' && !hooks.some(hook => hook.targetType === 'PAUSE')) {
        throw new input_error/* InputError */.d('wait-until', `'paused' needs a pause, but service '${name}' has no PAUSE hook; set pause-at (e.g. POST_TEST_TRAFFIC_SHIFT) or add one in lifecycle-hooks.`);
    }
    const update = { cluster: inputs.cluster, service: inputs.service };
    if (configuration)
        update.deploymentConfiguration = configuration;
    if (inputs.testTrafficHeader)
        update.serviceConnectConfiguration = withTestTrafficHeader(service, inputs.testTrafficHeader, name);
    return { update, strategy, hooks };
}
function checkStrategySettings(inputs, strategy) {
    const only = (input, value, wanted) => {
        if (value !== undefined && strategy !== wanted) {
            throw new input_error/* InputError */.d(input, `applies only to strategy ${wanted}; this release uses ${strategy}.`);
        }
    };
    only('canary-percent', inputs.canaryPercent, 'CANARY');
    only('canary-bake-time', inputs.canaryBakeTime, 'CANARY');
    only('linear-step-percent', inputs.linearStepPercent, 'LINEAR');
    only('linear-step-bake-time', inputs.linearStepBakeTime, 'LINEAR');
}
/** ECS needs the alternate target group and listener rules before it can shift traffic between revisions. */
function checkLoadBalancersReady(service, name) {
    const missing = (service.loadBalancers ?? []).filter(loadBalancer => loadBalancer.targetGroupArn && !loadBalancer.advancedConfiguration);
    if (missing.length > 0) {
        throw new Error(`Service '${name}' cannot switch to a blue/green strategy: its load balancer (target group ` +
            `${missing[0]?.targetGroupArn}) has no advancedConfiguration (alternate target group, production ` +
            'and test listener rules, infrastructure role). Add it to the service first.');
    }
}
/** The service's deployment configuration with the inputs applied, or undefined when no input changes it. */
function mergeDeploymentConfiguration(current, inputs, strategy) {
    const next = {
        ...current,
        strategy: strategy
    };
    let changed = strategy !== (current.strategy ?? 'ROLLING');
    if (inputs.bakeTime !== undefined) {
        next.bakeTimeInMinutes = inputs.bakeTime;
        changed = true;
    }
    if (inputs.canaryPercent !== undefined || inputs.canaryBakeTime !== undefined) {
        next.canaryConfiguration = {
            ...current.canaryConfiguration,
            ...(inputs.canaryPercent !== undefined && { canaryPercent: inputs.canaryPercent }),
            ...(inputs.canaryBakeTime !== undefined && { canaryBakeTimeInMinutes: inputs.canaryBakeTime })
        };
        changed = true;
    }
    if (inputs.linearStepPercent !== undefined || inputs.linearStepBakeTime !== undefined) {
        next.linearConfiguration = {
            ...current.linearConfiguration,
            ...(inputs.linearStepPercent !== undefined && { stepPercent: inputs.linearStepPercent }),
            ...(inputs.linearStepBakeTime !== undefined && {
                stepBakeTimeInMinutes: inputs.linearStepBakeTime
            })
        };
        changed = true;
    }
    if (inputs.lifecycleHooks !== undefined || inputs.pauseAt.length > 0) {
        const hooks = inputs.lifecycleHooks ?? current.lifecycleHooks ?? [];
        next.lifecycleHooks = (0,lifecycle_hooks/* withPauseHooks */.zc)(hooks, inputs.pauseAt, inputs.pauseTimeout, inputs.pauseTimeoutAction);
        changed = true;
    }
    return changed ? next : undefined;
}
/**
 * The service's Service Connect configuration with an exact header match as the test
 * traffic rule on every client alias. DescribeServices returns that configuration only
 * on the deployments, so it is read from the PRIMARY one.
 */
function withTestTrafficHeader(service, header, name) {
    const current = (0,ecs_service/* primaryDeployment */.sg)(service)?.serviceConnectConfiguration;
    const aliases = current?.services?.flatMap(entry => entry.clientAliases ?? []) ?? [];
    if (!current?.enabled || aliases.length === 0) {
        throw new input_error/* InputError */.d('test-traffic-header', `service '${name}' does not use Service Connect with a client alias, so there is no header route to set. ` +
            'Services behind a load balancer take their test traffic from the test listener rule already on the service; remove this input.');
    }
    const testTrafficRules = { header: { name: header.name, value: { exact: header.value } } };
    return {
        ...current,
        services: current.services?.map(entry => ({
            ...entry,
            clientAliases: entry.clientAliases?.map(alias => ({ ...alias, testTrafficRules }))
        }))
    };
}

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __nccwpck_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(6760);
// EXTERNAL MODULE: ./src/structured-text.ts
var structured_text = __nccwpck_require__(2704);
;// CONCATENATED MODULE: ./src/task-definition/load.ts




/** A task definition file is a few KiB; ECS itself caps a registration at 64 KiB of JSON. */
const MAX_FILE_BYTES = 1024 * 1024;
const INPUT = 'task-definition';
/**
 * Reads the `task-definition` file (JSON or YAML), relative to the workspace. Accepts
 * the output of `aws ecs describe-task-definition` too, by unwrapping `taskDefinition`.
 */
async function loadTaskDefinitionFile(path, workspace) {
    const fullPath = (0,external_node_path_.isAbsolute)(path) ? path : (0,external_node_path_.resolve)(workspace, path);
    let text;
    try {
        const info = await (0,promises_.stat)(fullPath);
        if (!info.isFile())
            throw new input_error/* InputError */.d(INPUT, `'${path}' is not a file.`);
        if (info.size > MAX_FILE_BYTES) {
            throw new input_error/* InputError */.d(INPUT, `'${path}' is ${info.size} bytes; a task definition file may be at most ${MAX_FILE_BYTES} bytes.`);
        }
        text = await (0,promises_.readFile)(fullPath, 'utf8');
    }
    catch (error) {
        if (error instanceof input_error/* InputError */.d)
            throw error;
        const code = error.code;
        const why = code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? String(error)})`;
        throw new input_error/* InputError */.d(INPUT, `'${path}' ${why} (looked in ${fullPath}).`);
    }
    let parsed;
    try {
        parsed =
            (0,external_node_path_.extname)(fullPath).toLowerCase() === '.json' ? parseJson(text) : (0,structured_text/* parseStructuredText */.SQ)(text);
    }
    catch (error) {
        throw new input_error/* InputError */.d(INPUT, `'${path}': ${error.message}`);
    }
    return checkTaskDefinition(parsed, `'${path}'`);
}
function parseJson(text) {
    let value;
    try {
        value = JSON.parse(text);
    }
    catch (error) {
        throw new Error(`it is not valid JSON: ${error.message}`, { cause: error });
    }
    (0,structured_text/* checkDepth */.kP)(value);
    return value;
}
/** Checks the parts of a task definition that rendering relies on. */
function checkTaskDefinition(value, where) {
    const document = (0,structured_text/* isPlainObject */.Qd)(value) && (0,structured_text/* isPlainObject */.Qd)(value.taskDefinition) ? value.taskDefinition : value;
    if (!(0,structured_text/* isPlainObject */.Qd)(document))
        throw new input_error/* InputError */.d(INPUT, `${where} is not a task definition object.`);
    if (typeof document.family !== 'string' || document.family === '') {
        throw new input_error/* InputError */.d(INPUT, `${where} has no family.`);
    }
    const containers = document.containerDefinitions;
    if (!Array.isArray(containers) || containers.length === 0) {
        throw new input_error/* InputError */.d(INPUT, `${where} has no containerDefinitions list.`);
    }
    containers.forEach((container, index) => {
        if (!(0,structured_text/* isPlainObject */.Qd)(container) || typeof container.name !== 'string' || container.name === '') {
            throw new input_error/* InputError */.d(INPUT, `${where}: container definition ${index + 1} has no name.`);
        }
    });
    return document;
}
/** The task definition a service runs now, with its tags (which record the deployed commit). */
async function describeTaskDefinition(ecs, arn) {
    const { taskDefinition, tags } = await ecs.describeTaskDefinition({
        taskDefinition: arn,
        include: ['TAGS']
    });
    if (!taskDefinition)
        throw new Error(`ECS returned no task definition for ${arn}.`);
    return { document: asDocument(taskDefinition, arn), tags: tags ?? [] };
}
function asDocument(taskDefinition, arn) {
    if (!taskDefinition.containerDefinitions?.length)
        throw new Error(`Task definition ${arn} has no containers.`);
    return taskDefinition;
}

// EXTERNAL MODULE: ./src/ecs/errors.ts
var errors = __nccwpck_require__(1360);
// EXTERNAL MODULE: ./src/release.ts
var src_release = __nccwpck_require__(1420);
;// CONCATENATED MODULE: ./src/task-definition/register.ts


/** Tag keys that record where a revision came from; the promote run reads the commit back. */
const TAG_REPOSITORY = 'github:repository';
const TAG_COMMIT = 'github:sha';
const TAG_RUN = 'github:run-url';
/** ECS allows 50 tags per resource and 256 characters per value. */
const MAX_TAGS = 50;
const MAX_TAG_VALUE = 256;
function provenanceTags(run) {
    const tags = [
        { key: TAG_REPOSITORY, value: run.repository },
        { key: TAG_COMMIT, value: run.pullRequest?.headSha ?? run.sha },
        ...(run.runId ? [{ key: TAG_RUN, value: (0,src_release/* runUrl */.Vp)(run) }] : [])
    ];
    return tags.filter(tag => tag.value && tag.value.length <= MAX_TAG_VALUE);
}
/**
 * Registers the task definition tagged with its provenance. When the role may not tag
 * (ecs:TagResource denied), nothing was registered, so registering again without tags
 * is safe; the release goes on with a warning.
 */
async function registerTaskDefinition(ecs, input, run, log) {
    const ours = provenanceTags(run);
    const theirs = (input.tags ?? []).filter(tag => !ours.some(own => own.key === tag.key));
    // Ours are kept: the promote run reads the commit back from github:sha.
    const kept = theirs.slice(0, MAX_TAGS - ours.length);
    if (kept.length < theirs.length) {
        const left = theirs.slice(kept.length).map(tag => tag.key);
        log.warning(`Left out tags ${left.join(', ')} of ${input.family}: ECS allows ${MAX_TAGS} tags on a task definition ` +
            `and this action adds ${ours.map(tag => tag.key).join(', ')}.`);
    }
    const tags = [...kept, ...ours];
    try {
        return arnOf(await ecs.registerTaskDefinition({ ...input, tags }));
    }
    catch (error) {
        if (!isTaggingDenied(error))
            throw error;
        log.warning(`Registering ${input.family} without tags: ${(0,errors/* describeAwsError */.Pp)(error)}. ` +
            'Allow ecs:TagResource on task definitions to record the repository, commit and run on each revision.');
        return arnOf(await ecs.registerTaskDefinition({ ...input, tags: undefined }));
    }
}
function isTaggingDenied(error) {
    return ((0,errors/* errorName */.Is)(error) === 'AccessDeniedException' &&
        /\bTagResource\b/i.test(error.message));
}
function arnOf(output) {
    const arn = output.taskDefinition?.taskDefinitionArn;
    if (!arn)
        throw new Error('RegisterTaskDefinition returned no task definition ARN.');
    return arn;
}

;// CONCATENATED MODULE: ./src/diagnose/hints.ts
/** Most specific first: a pull error explains a circuit breaker, not the other way round. */
const RULES = [
    {
        applies: (_facts, text) => /CannotPullContainerError|pull image manifest|failed to resolve ref|image.*not found/i.test(text),
        hint: () => 'Check that the image tag exists in its registry and that the task execution role may pull it ' +
            '(ecr:BatchGetImage, ecr:GetDownloadUrlForLayer, ecr:GetAuthorizationToken) with a network route to the registry.'
    },
    {
        applies: (facts, text) => facts.exitCodes.includes(137) || /OutOfMemory|memory usage/i.test(text),
        hint: () => 'A container was killed for using too much memory (exit 137): raise its memory limit or find what grew.'
    },
    {
        applies: (_facts, text) => /unable to assume role|unable to invoke|not authorized to perform: lambda:InvokeFunction/i.test(text),
        hint: facts => `ECS could not invoke the hook${targets(facts)}: check that the hook's roleArn trusts ecs.amazonaws.com and allows lambda:InvokeFunction on the function.`
    },
    {
        applies: (_facts, text) => /HookStatus must not be null|unable to parse the response/i.test(text),
        hint: facts => `The hook Lambda${targets(facts)} threw or returned no hookStatus: make it return {"hookStatus": "SUCCEEDED" | "FAILED" | "IN_PROGRESS"} and read its logs.`
    },
    {
        applies: (_facts, text) => /returned FAILED/i.test(text),
        hint: facts => `The hook Lambda${targets(facts)} returned FAILED: its CloudWatch logs say which check failed.`
    },
    {
        applies: (_facts, text) => /pause hook timed out/i.test(text),
        hint: () => 'Nobody promoted the release before its pause timed out: promote sooner, raise pause-timeout, or set pause-timeout-action to CONTINUE.'
    },
    {
        applies: (facts, text) => facts.failedHookTargets.length > 0 || /lifecycle hook/i.test(text),
        hint: facts => `A lifecycle hook${targets(facts)} failed or timed out: read the function's logs and its timeoutConfiguration.`
    },
    {
        applies: (facts, text) => facts.unhealthy || /health check/i.test(text),
        hint: () => "Tasks failed their health checks: check the target group's health check path and port, the container health " +
            'check, and the health check grace period against how long the app takes to start.'
    },
    {
        applies: (_facts, text) => /listener ?rule|target ?group|One or more rules not found|invalid networking/i.test(text),
        hint: () => "ECS found the load balancer setup inconsistent: check the service's advancedConfiguration (production and test listener " +
            'rules, alternate target group, infrastructure role) and that infrastructure-as-code did not rewrite the listener rule weights.'
    },
    {
        applies: facts => facts.triggeredAlarms.length > 0,
        hint: facts => `Alarm ${facts.triggeredAlarms.join(', ')} went into ALARM during the release: look at its metric for the new revision before releasing again.`
    },
    {
        applies: (facts, text) => facts.exitCodes.some(code => code !== 0) || /Essential container in task exited/i.test(text),
        hint: facts => `An essential container exited (code ${facts.exitCodes.find(code => code !== 0) ?? '?'}): its logs say why; check its command, environment and secrets.`
    },
    {
        applies: (_facts, text) => /No rollback candidate/i.test(text),
        hint: () => 'The service had no earlier successful deployment to return to (its first release): fix the cause and deploy again.'
    },
    {
        applies: (_facts, text) => /circuit breaker/i.test(text),
        hint: () => "Tasks of the new revision kept failing to start or stay healthy: look at the service's stopped tasks and their container logs."
    }
];
/** One line saying what to check first, chosen from the failure's own facts; undefined when nothing fits. */
function chooseHint(facts) {
    const text = facts.reasons.join('\n');
    return RULES.find(rule => rule.applies(facts, text))?.hint(facts);
}
function targets(facts) {
    return facts.failedHookTargets.length > 0 ? ` ${facts.failedHookTargets.join(', ')}` : '';
}

;// CONCATENATED MODULE: ./src/diagnose/stopped-tasks.ts
/** DescribeTasks takes at most 100 tasks; more stopped tasks than that say nothing new. */
const MAX_TASKS = 100;
/**
 * The stopped tasks of the new revision (by its task definition, or by the
 * `ecs-svc/<revision>` that started them), grouped by why they stopped.
 */
async function stoppedTasksOfRevision(ecs, cluster, service, revision) {
    const { taskArns = [] } = await ecs.listTasks({
        cluster,
        serviceName: service,
        desiredStatus: 'STOPPED'
    });
    if (taskArns.length === 0)
        return [];
    const { tasks = [] } = await ecs.describeTasks({ cluster, tasks: taskArns.slice(0, MAX_TASKS) });
    const ours = tasks.filter(task => (revision.taskDefinitionArn !== undefined &&
        task.taskDefinitionArn === revision.taskDefinitionArn) ||
        (revision.startedBy !== undefined && task.startedBy === revision.startedBy));
    return groupStoppedTasks(ours);
}
function groupStoppedTasks(tasks) {
    const groups = new Map();
    for (const task of tasks) {
        const summary = summarize(task);
        const group = groups.get(summary) ?? {
            count: 0,
            summary,
            reasons: [],
            exitCodes: [],
            unhealthy: false
        };
        group.count += 1;
        if (group.count === 1) {
            group.reasons.push(task.stoppedReason ?? '', ...(task.containers ?? []).map(container => container.reason ?? ''));
            group.exitCodes.push(...(task.containers ?? []).flatMap(container => container.exitCode === undefined ? [] : [container.exitCode]));
            group.unhealthy =
                task.healthStatus === 'UNHEALTHY' ||
                    (task.containers ?? []).some(container => container.healthStatus === 'UNHEALTHY');
        }
        groups.set(summary, group);
    }
    return [...groups.values()].sort((a, b) => b.count - a.count);
}
/** `TaskFailedToStart: CannotPullContainerError: …; container app: exit 1 (Essential container in task exited)` */
function summarize(task) {
    const parts = [[task.stopCode, task.stoppedReason].filter(Boolean).join(': ')];
    for (const container of task.containers ?? []) {
        const exit = container.exitCode !== undefined ? `exit ${container.exitCode}` : '';
        const health = container.healthStatus === 'UNHEALTHY' ? 'health check UNHEALTHY' : '';
        // ECS often repeats the task's stopped reason on its container.
        const reason = container.reason && !task.stoppedReason?.includes(container.reason) ? container.reason : '';
        const facts = [exit, reason, health].filter(Boolean);
        if (facts.length > 0)
            parts.push(`container ${container.name ?? '?'}: ${facts.join(', ')}`);
    }
    return parts.filter(Boolean).join('; ') || 'stopped without a reason';
}
function describeGroup(group) {
    return `${group.count} task${group.count === 1 ? '' : 's'} stopped: ${group.summary}`;
}

;// CONCATENATED MODULE: ./src/diagnose/diagnose.ts


/** Enough events to show what led to the failure without repeating the whole history. */
const MAX_EVENTS = 5;
const MAX_TASK_GROUPS = 5;
const FAILURE_EVENT = /fail|unable|error|unhealthy|rolling back|roll back|timed out|stopped|exceeded|alarm/i;
/**
 * Explains a failed release: which tasks of the new revision stopped and why (grouped),
 * which hooks failed at which stage, the service events that tell the story, and one
 * line of what to check first. Adds them to the release's details and hint; reading
 * the tasks is best effort and never hides the failure itself.
 */
async function diagnoseFailure(ecs, release, deployment, events) {
    const groups = await stoppedTasks(ecs, release, deployment);
    const failedHooks = release.hooks.filter(hook => hook.status === 'FAILED' || hook.status === 'TIMED_OUT');
    const failureEvents = events
        .filter(event => FAILURE_EVENT.test(event.message ?? ''))
        .slice(-MAX_EVENTS);
    release.details.push(...groups.slice(0, MAX_TASK_GROUPS).map(describeGroup), ...failedHooks.map(hook => `Hook ${hook.targetType ?? 'AWS_LAMBDA'} ${hook.targetArn ?? hook.hookId ?? ''} at ${hook.stage ?? 'an unknown stage'}: ${hook.status}.`), ...failureEvents.map(event => `Service event ${event.createdAt?.toISOString() ?? ''}: ${event.message}`));
    release.hint = chooseHint({
        reasons: [
            release.reason ?? '',
            deployment?.statusReason ?? '',
            deployment?.rollback?.reason ?? '',
            ...groups.flatMap(group => group.reasons),
            ...failureEvents.map(event => event.message ?? '')
        ],
        exitCodes: groups.flatMap(group => group.exitCodes),
        unhealthy: groups.some(group => group.unhealthy),
        triggeredAlarms: deployment?.alarms?.triggeredAlarmNames ?? [],
        failedHookTargets: failedHooks.flatMap(hook => (hook.targetArn ? [hook.targetArn] : []))
    });
}
async function stoppedTasks(ecs, release, deployment) {
    const revisionNumber = deployment?.targetServiceRevision?.arn?.split('/').pop();
    try {
        return await stoppedTasksOfRevision(ecs, release.cluster, release.service, {
            taskDefinitionArn: release.taskDefinition?.arn,
            startedBy: revisionNumber ? `ecs-svc/${revisionNumber}` : undefined
        });
    }
    catch {
        return [];
    }
}

// EXTERNAL MODULE: ./src/stages.ts
var stages = __nccwpck_require__(118);
// EXTERNAL MODULE: ./src/watch/timeline-log.ts
var timeline_log = __nccwpck_require__(5973);
// EXTERNAL MODULE: ./src/ecs/rollback.ts
var ecs_rollback = __nccwpck_require__(9231);
// EXTERNAL MODULE: ./src/log.ts
var src_log = __nccwpck_require__(1107);
;// CONCATENATED MODULE: ./src/watch/outcome.ts
/**
 * Whether the step fails. A status step never does; a rollback step succeeds exactly
 * when ECS rolled back; any other step fails when the release did not go out.
 */
function isFailure(release) {
    if (release.command === 'status')
        return false;
    if (release.command === 'rollback')
        return release.outcome !== 'rolled-back';
    return ['rolled-back', 'failed', 'timed-out', 'cancelled'].includes(release.outcome);
}
/** Sets the release's outcome, reason and details from how the wait ended. */
function concludeRelease(release, result, context) {
    const where = `last seen at stage ${release.stage ?? 'none'} with status ${release.status ?? 'unknown'}`;
    switch (result.kind) {
        case 'finished':
            concludeFinished(release, result.deployment);
            release.finishedAt = result.deployment.finishedAt ?? context.now;
            return;
        case 'reached':
            release.outcome = release.hooks.some(hook => hook.status === 'AWAITING_ACTION')
                ? 'paused'
                : 'running';
            return;
        case 'timeout':
            release.outcome = 'timed-out';
            release.reason = `Timed out after ${context.timeoutMinutes} minutes waiting for the deployment (${where}).`;
            release.details.push(stillRunning(release));
            return;
        case 'unreachable':
            release.outcome = 'timed-out';
            release.reason = `Gave up waiting: ECS did not answer (${result.error}); the deployment was ${where}.`;
            release.details.push(stillRunning(release));
            return;
        case 'cancelled':
            release.outcome = 'cancelled';
            release.reason = `The job was cancelled while waiting for the deployment (${where}).`;
    }
}
function stillRunning(release) {
    return `The deployment may still be running in ECS: ${release.deploymentArn ?? 'its ARN is unknown'}.`;
}
function concludeFinished(release, deployment) {
    const cause = deployment.rollback?.reason ?? deployment.statusReason ?? 'ECS gave no reason.';
    switch (deployment.status) {
        case 'SUCCESSFUL':
            release.outcome = 'succeeded';
            return;
        case 'ROLLBACK_SUCCESSFUL':
            release.outcome = 'rolled-back';
            release.reason = `ECS rolled the deployment back: ${cause}`;
            break;
        case 'ROLLBACK_FAILED':
            release.outcome = 'failed';
            release.reason = `ECS could not roll the deployment back: ${deployment.statusReason ?? cause}`;
            break;
        default:
            release.outcome = 'failed';
            release.reason = `The deployment ended with status ${deployment.status}: ${cause}`;
    }
    release.details.push(...failureDetails(deployment));
}
/** The facts ECS gives about a failed deployment, one line each. */
function failureDetails(deployment) {
    const details = [];
    const { rollback, statusReason, deploymentCircuitBreaker: breaker, alarms } = deployment;
    if (rollback?.reason && statusReason && statusReason !== rollback.reason)
        details.push(`Status reason: ${statusReason}`);
    if (breaker?.status === 'TRIGGERED') {
        details.push(`Circuit breaker triggered: ${breaker.failureCount ?? '?'} tasks failed (threshold ${breaker.threshold ?? '?'}).`);
    }
    if (alarms?.triggeredAlarmNames?.length)
        details.push(`Alarms that triggered: ${alarms.triggeredAlarmNames.join(', ')}.`);
    if (rollback?.serviceRevisionArn)
        details.push(`Traffic is back on revision ${rollback.serviceRevisionArn}.`);
    return details;
}

// EXTERNAL MODULE: ./src/watch/watch.ts
var watch = __nccwpck_require__(3086);
// EXTERNAL MODULE: ./src/commands/follow.ts
var follow = __nccwpck_require__(8039);
;// CONCATENATED MODULE: ./src/commands/conclude.ts










/** How long a rollback that the action asked for may take before the step gives up on it. */
const ROLLBACK_WAIT_MS = 30 * 60_000;
/**
 * Turns how the wait ended into the release's outcome: rolls back on timeout when asked
 * to, recognises a deployment that a newer one replaced, logs the result and publishes
 * the final report.
 */
async function concludeWatch(ctx, ecs, release, result, events) {
    const { inputs, log } = ctx;
    if (result.kind === 'timeout' &&
        inputs.rollbackOnTimeout &&
        result.deployment &&
        (0,stages/* isOngoingStatus */.sR)(result.deployment.status)) {
        const where = `stage ${release.stage ?? 'none'}, status ${release.status ?? 'unknown'}`;
        log.warning(`Timed out after ${inputs.timeout} minutes (${where}); rolling the deployment back (rollback-on-timeout).`);
        await (0,ecs_rollback/* requestRollback */.W)(ecs, release.deploymentArn ?? '', (0,watch/* awaitingPauseHook */.SO)(result.deployment));
        const rollback = await (0,follow/* followDeployment */.p)(ctx, ecs, release, {
            until: { kind: 'complete' },
            timeoutMs: ROLLBACK_WAIT_MS,
            events
        });
        concludeRelease(release, rollback, {
            timeoutMinutes: ROLLBACK_WAIT_MS / 60_000,
            now: ctx.clock.now()
        });
        release.reason =
            `Timed out after ${inputs.timeout} minutes (${where}) and rolled back. ${release.reason ?? ''}`.trim();
    }
    else {
        concludeRelease(release, result, { timeoutMinutes: inputs.timeout, now: ctx.clock.now() });
    }
    if (release.status === 'STOPPED')
        await explainStopped(ecs, release);
    if (isFailure(release) && release.outcome !== 'cancelled') {
        new timeline_log/* TimelineLog */.Cm(ctx.log, release.startedAt).serviceEvents(await events.poll(ctx.clock.now(), true).catch(() => []));
        await diagnoseFailure(ecs, release, result.deployment, events.history);
    }
    logOutcome(ctx, release);
    await ctx.reporter.publish(release, true);
}
/** A STOPPED deployment was usually replaced by a newer one; say so when the service shows it. */
async function explainStopped(ecs, release) {
    const service = await (0,ecs_service/* describeService */.Jv)(ecs, release.cluster, release.service).catch(() => undefined);
    const current = service?.currentServiceDeployment;
    if (current && current !== release.deploymentArn) {
        release.supersededBy = current;
        release.reason = `Superseded: a newer deployment of service '${release.service}' started (${current}), so ECS stopped this one.`;
    }
}
function logOutcome(ctx, release) {
    const { log } = ctx;
    const elapsed = (0,src_log/* formatElapsed */.C)(ctx.clock.now().getTime() - release.startedAt.getTime()).slice(1);
    const subject = `${release.service} (${release.cluster})`;
    if (isFailure(release)) {
        log.info(`Release of ${subject} ${release.outcome === 'timed-out' ? 'timed out' : release.outcome} after ${elapsed}:`);
        for (const detail of release.details)
            log.info(`  ${detail}`);
        if (release.hint)
            log.info(`What to check: ${release.hint}`);
        return;
    }
    if (release.outcome === 'rolled-back') {
        log.info(`Rolled back ${subject} after ${elapsed}: ${release.reason}`);
    }
    else if (release.outcome === 'succeeded') {
        log.info(`Released ${subject}: deployment ${release.status} after ${elapsed}.`);
    }
    else if (release.outcome === 'paused') {
        const hook = (0,src_release/* awaitingHook */.ob)(release);
        log.info(`Paused at ${hook?.stage ?? release.stage}: hook ${hook?.hookId ?? '?'} awaits promote or rollback` +
            `${hook?.expiresAt ? ` until ${hook.expiresAt.toISOString()} (then ${hook.timeoutAction ?? 'ROLLBACK'})` : ''}. ` +
            `Run this action with command: promote (or rollback) and deployment-arn: ${release.deploymentArn}.`);
    }
    else {
        log.info(`Stopped waiting at stage ${release.stage ?? 'none'} (status ${release.status}); ECS carries the deployment on.`);
    }
}

;// CONCATENATED MODULE: ./src/commands/context.ts
/** Runs `work` inside a collapsible log group, closing it whatever happens. */
async function inGroup(log, title, work) {
    log.startGroup(title);
    try {
        return await work();
    }
    finally {
        log.endGroup();
    }
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __nccwpck_require__(7598);
;// CONCATENATED MODULE: ./src/task-definition/output-file.ts



/**
 * Writes the rendered task definition where later steps can read it (RUNNER_TEMP is
 * cleaned after the job). Environment values are in it, as in any task definition
 * file, so the file is readable by the runner user only.
 */
async function writeRenderedTaskDefinition(input, directory) {
    const safeFamily = (input.family ?? 'task').replace(/[^A-Za-z0-9_-]/g, '_');
    const path = (0,external_node_path_.join)(directory, `task-definition-${safeFamily}-${(0,external_node_crypto_.randomUUID)()}.json`);
    await (0,promises_.writeFile)(path, `${JSON.stringify(input, null, 2)}\n`, { mode: 0o600 });
    return path;
}

;// CONCATENATED MODULE: ./src/task-definition/render.ts

/** Fields DescribeTaskDefinition returns that RegisterTaskDefinition does not take. */
const READ_ONLY_FIELDS = [
    'taskDefinitionArn',
    'revision',
    'status',
    'requiresAttributes',
    'compatibilities',
    'registeredAt',
    'registeredBy',
    'deregisteredAt',
    'deleteRequestedAt'
];
/** The members of RegisterTaskDefinitionRequest; the SDK silently drops anything else. */
const REGISTER_FIELDS = [
    'family',
    'taskRoleArn',
    'executionRoleArn',
    'networkMode',
    'containerDefinitions',
    'volumes',
    'placementConstraints',
    'requiresCompatibilities',
    'cpu',
    'memory',
    'tags',
    'pidMode',
    'ipcMode',
    'proxyConfiguration',
    'inferenceAccelerators',
    'ephemeralStorage',
    'runtimePlatform',
    'enableFaultInjection'
];
/**
 * Applies the release's images and environment to a base task definition and returns
 * what RegisterTaskDefinition accepts. `previous` is what the service runs now, so the
 * report can say what changes; it defaults to the base.
 */
function renderTaskDefinition(base, request, previous = base) {
    const containers = base.containerDefinitions.map(container => structuredClone(container));
    const names = containers.map(container => container.name);
    const find = (name, input) => {
        const container = containers.find(candidate => candidate.name === name);
        if (!container) {
            throw new input_error/* InputError */.d(input, `container '${name}' is not in the task definition; its containers are ${names.join(', ')}.`);
        }
        return container;
    };
    for (const override of request.images)
        find(override.container, override.input).image = override.image;
    if (request.environment.length > 0 && request.containerName !== undefined) {
        const container = find(request.containerName, 'container-name');
        container.environment = mergeEnvironment(container.environment, request.environment);
    }
    const input = {};
    const unknownFields = [];
    for (const [key, value] of Object.entries(base)) {
        if (REGISTER_FIELDS.includes(key))
            input[key] = value;
        else if (!READ_ONLY_FIELDS.includes(key))
            unknownFields.push(key);
    }
    input.containerDefinitions = containers;
    return {
        input: input,
        containers: describeChanges(containers, previous.containerDefinitions),
        unknownFields
    };
}
/** Sets the given variables; the container's other variables stay as they were. */
function mergeEnvironment(current, updates) {
    const entries = Array.isArray(current)
        ? current.filter(entry => typeof entry === 'object' && entry !== null)
        : [];
    const merged = entries.filter(entry => !updates.some(update => update.name === entry.name));
    return [...merged, ...updates.map(({ name, value }) => ({ name, value }))];
}
function describeChanges(containers, previous) {
    return containers.map(container => {
        const before = previous.find(candidate => candidate.name === container.name);
        return {
            name: container.name,
            previousImage: typeof before?.image === 'string' ? before.image : undefined,
            image: typeof container.image === 'string' ? container.image : undefined,
            changedEnvironment: changedNames(before?.environment, container.environment)
        };
    });
}
/** Names of variables added, removed or given another value. */
function changedNames(before, after) {
    const toMap = (list) => new Map((Array.isArray(list) ? list : [])
        .filter(entry => typeof entry?.name === 'string')
        .map(entry => [entry.name, entry.value]));
    const old = toMap(before);
    const now = toMap(after);
    const names = new Set([...old.keys(), ...now.keys()]);
    return [...names]
        .filter(name => old.has(name) !== now.has(name) || old.get(name) !== now.get(name))
        .sort();
}

;// CONCATENATED MODULE: ./src/commands/render.ts





/**
 * `command: render`: the task definition the release would register, written to a file.
 * From a file it makes no AWS call at all; without one it only reads the service's
 * current task definition.
 */
async function render(ctx, release) {
    const { inputs } = ctx;
    let base;
    if (inputs.taskDefinition) {
        base = await loadTaskDefinitionFile(inputs.taskDefinition, ctx.workspace);
    }
    else {
        const ecs = await ctx.connectEcs();
        const service = await (0,ecs_service/* describeService */.Jv)(ecs, inputs.cluster, inputs.service);
        base = (await describeTaskDefinition(ecs, service.taskDefinition ?? '')).document;
    }
    const rendered = await renderToFile(ctx, base, base);
    release.taskDefinition = { containers: rendered.containers };
    release.outcome = 'succeeded';
}
/** Renders the release's task definition, writes it for later steps and logs what changes. */
async function renderToFile(ctx, base, previous) {
    return inGroup(ctx.log, `Render task definition ${String(base.family)}`, async () => {
        const { inputs, log } = ctx;
        const rendered = renderTaskDefinition(base, {
            images: inputs.images,
            containerName: inputs.containerName,
            environment: inputs.environmentVariables
        }, previous);
        if (rendered.unknownFields.length > 0) {
            log.warning(`Left out fields that RegisterTaskDefinition does not take: ${rendered.unknownFields.join(', ')}.`);
        }
        for (const container of rendered.containers) {
            const image = container.previousImage && container.previousImage !== container.image
                ? `${container.previousImage} → ${container.image}`
                : `${container.image ?? 'no image'} (unchanged)`;
            const environment = container.changedEnvironment.length > 0
                ? `; environment set: ${container.changedEnvironment.join(', ')}`
                : '';
            log.info(`container ${container.name}: ${image}${environment}`);
        }
        const path = await writeRenderedTaskDefinition(rendered.input, ctx.tempDir);
        ctx.outputs.set('rendered-task-definition', path);
        log.info(`Rendered task definition written to ${path}`);
        return rendered;
    });
}

;// CONCATENATED MODULE: ./src/commands/deploy.ts










/** The runner's clock may run ahead of AWS's; deployments created this long before UpdateService still count as ours. */
const CLOCK_SKEW_MS = 5_000;
/**
 * `command: deploy`: render and register the task definition, start one blue/green
 * deployment with UpdateService, and follow it through its lifecycle stages. Every
 * check, including those that read ECS, happens before the first call that changes
 * anything (RegisterTaskDefinition).
 */
async function deploy(ctx, release) {
    const { inputs, log } = ctx;
    const file = inputs.taskDefinition
        ? await loadTaskDefinitionFile(inputs.taskDefinition, ctx.workspace)
        : undefined;
    const ecs = await ctx.connectEcs();
    release.region = ecs.region;
    const { service, plan } = await inGroup(log, `Check service ${inputs.service} in cluster ${inputs.cluster}`, async () => {
        const service = await (0,ecs_service/* describeService */.Jv)(ecs, inputs.cluster, inputs.service);
        const plan = planServiceUpdate(service, inputs);
        describePlan(ctx, service, plan, release);
        return { service, plan };
    });
    const current = await describeTaskDefinition(ecs, service.taskDefinition ?? '');
    const rendered = await renderToFile(ctx, file ?? current.document, current.document);
    const taskDefinitionArn = await inGroup(log, 'Register task definition', async () => {
        const arn = await registerTaskDefinition(ecs, rendered.input, ctx.github, log);
        log.info(`Registered ${arn}`);
        return arn;
    });
    ctx.outputs.set('task-definition-arn', taskDefinitionArn);
    release.taskDefinition = {
        arn: taskDefinitionArn,
        previousArn: service.taskDefinition,
        containers: rendered.containers
    };
    release.commit = ctx.github.pullRequest?.headSha ?? ctx.github.sha;
    const events = new service_events/* ServiceEventStream */.W(ecs, inputs.cluster, inputs.service, ctx.clock.now());
    const first = await startDeployment(ctx, ecs, plan, taskDefinitionArn, release);
    void ctx.reporter.publish(release, false);
    const result = await (0,follow/* followDeployment */.p)(ctx, ecs, release, {
        until: inputs.waitUntil,
        first,
        events
    });
    await concludeWatch(ctx, ecs, release, result, events);
}
function describePlan(ctx, service, plan, release) {
    const { log } = ctx;
    release.strategy = plan.strategy;
    const configuration = plan.update.deploymentConfiguration;
    log.info(`Service ${service.serviceArn}: ${service.desiredCount ?? '?'} tasks of ${service.taskDefinition}`);
    log.info(`Strategy ${plan.strategy}${configuration ? ' (deployment configuration updated by this release)' : ''}`);
    for (const hook of plan.hooks) {
        const target = hook.targetType === 'PAUSE' ? 'pause' : hook.hookTargetArn;
        log.info(`Hook ${hook.targetType ?? 'AWS_LAMBDA'} ${target} at ${(hook.lifecycleStages ?? []).join(', ')}`);
    }
    if (plan.update.serviceConnectConfiguration)
        log.info('Test traffic: Service Connect header route on every client alias');
    const pauses = plan.hooks
        .filter(hook => hook.targetType === 'PAUSE')
        .flatMap(hook => hook.lifecycleStages ?? []);
    if (pauses.length > 0 &&
        ctx.inputs.pauseAt.length === 0 &&
        ctx.inputs.waitUntil.kind !== 'paused') {
        log.warning(`Service ${service.serviceName} pauses at ${pauses.join(', ')} (PAUSE hooks are kept in the service's configuration, ` +
            'e.g. from an earlier pause-at): this release waits there for promote. Set lifecycle-hooks to release without them.');
    }
    const ongoing = (0,ecs_service/* ongoingDeploymentId */.kh)(service);
    if (ongoing) {
        release.supersededDeploymentArn = service.currentServiceDeployment ?? ongoing;
        log.warning(`Another deployment of ${service.serviceName} is under way (${release.supersededDeploymentArn}); ` +
            'ECS stops it when this release starts.');
    }
}
/** The one UpdateService call of the release, then the deployment it started. */
async function startDeployment(ctx, ecs, plan, taskDefinitionArn, release) {
    return inGroup(ctx.log, 'Start deployment', async () => {
        const since = new Date(ctx.clock.now().getTime() - CLOCK_SKEW_MS);
        const { service: updated } = await ecs.updateService({
            ...plan.update,
            taskDefinition: taskDefinitionArn
        });
        const deployment = await (0,deployments/* findStartedDeployment */.uq)({
            ecs,
            cluster: ctx.inputs.cluster,
            service: ctx.inputs.service,
            updated,
            since,
            clock: ctx.clock,
            onRetry: message => ctx.log.warning(message)
        });
        release.deploymentArn = deployment.serviceDeploymentArn;
        if (release.deploymentArn) {
            ctx.outputs.set('service-deployment-arn', release.deploymentArn);
            ctx.saveState('deployment-arn', release.deploymentArn);
        }
        ctx.log.info(`Deployment ${release.deploymentArn} started`);
        return deployment;
    });
}

// EXTERNAL MODULE: ./src/watch/timeline.ts
var timeline = __nccwpck_require__(2686);
;// CONCATENATED MODULE: ./src/commands/target-deployment.ts






/**
 * The deployment a promote, rollback or status run acts on: `deployment-arn`, else the
 * service's current deployment. A given ARN is checked against the service and cluster inputs, so a copy-pasted ARN of
 * another service is caught before anything changes.
 */
async function loadTargetDeployment(ctx, release) {
    const { inputs } = ctx;
    const ecs = await ctx.connectEcs();
    release.region = ecs.region;
    if (inputs.deploymentArn)
        checkArnMatchesService(inputs.deploymentArn, inputs.cluster, inputs.service);
    const arn = inputs.deploymentArn ?? (await (0,deployments/* findCurrentDeployment */.eK)(ecs, inputs.cluster, inputs.service));
    if (!arn) {
        throw new Error(`Service '${inputs.service}' in cluster '${inputs.cluster}' has no deployment to ${inputs.command}.`);
    }
    const deployment = await (0,deployments/* describeDeployment */.Ti)(ecs, arn);
    if (!deployment) {
        throw new Error(`ECS does not know deployment ${arn} (ECS keeps deployments for 90 days). Check deployment-arn and the AWS region.`);
    }
    release.deploymentArn = arn;
    ctx.outputs.set('service-deployment-arn', arn);
    return { ecs, deployment };
}
/** `arn:…:service-deployment/<cluster>/<service>/<id>` must name the service the inputs name. */
function checkArnMatchesService(arn, cluster, service) {
    const [, arnCluster, arnService] = arn.split(':').pop()?.split('/') ?? [];
    const clusterName = cluster.split('/').pop();
    if (arnCluster !== clusterName || arnService !== service) {
        throw new input_error/* InputError */.d('deployment-arn', `belongs to service '${arnService}' in cluster '${arnCluster}', not to service '${service}' in cluster '${clusterName}'.`);
    }
}
/**
 * Fails clearly when the deployment can no longer be acted on: finished, or replaced by
 * a newer deployment of the service (whose pause ids then no longer work).
 */
async function checkStillUnderWay(ecs, release, deployment, action) {
    const stopping = deployment.status === 'STOP_REQUESTED' || deployment.status === 'STOPPED';
    if (stopping) {
        const service = await (0,ecs_service/* describeService */.Jv)(ecs, release.cluster, release.service);
        const current = service.currentServiceDeployment;
        if (current && current !== deployment.serviceDeploymentArn) {
            throw new Error(`Deployment ${deployment.serviceDeploymentArn} was superseded by a newer deployment of service '${release.service}' ` +
                `(${current}); nothing to ${action} there. Run ${action} without deployment-arn to act on the newest one.`);
        }
    }
    if ((0,stages/* isTerminalStatus */.TQ)(deployment.status) || stopping) {
        throw new Error(`Deployment ${deployment.serviceDeploymentArn} has already ended with status ${deployment.status}` +
            `${deployment.statusReason ? ` (${deployment.statusReason})` : ''}; nothing to ${action}.`);
    }
}
/**
 * The commit the deployment releases, as recorded on its task definition when it was
 * registered; the promote run uses it to find the pull request and check run of the
 * original release. Undefined when it cannot be told.
 */
async function deployedCommit(ecs, deployment) {
    const revisionArn = deployment.targetServiceRevision?.arn;
    if (!revisionArn)
        return undefined;
    try {
        const { serviceRevisions } = await ecs.describeServiceRevisions({
            serviceRevisionArns: [revisionArn]
        });
        const taskDefinition = serviceRevisions?.[0]?.taskDefinition;
        if (!taskDefinition)
            return undefined;
        const { tags } = await describeTaskDefinition(ecs, taskDefinition);
        return tags.find(tag => tag.key === TAG_COMMIT)?.value;
    }
    catch {
        return undefined;
    }
}
/** Continues the timeline an earlier run of the action reported for this release. */
async function recallEarlierRun(ctx, ecs, release, deployment) {
    release.commit =
        (await deployedCommit(ecs, deployment)) ?? ctx.github.pullRequest?.headSha ?? ctx.github.sha;
    const earlier = await ctx.reporter.recall(release);
    if (!earlier || (earlier.deploymentArn && earlier.deploymentArn !== release.deploymentArn))
        return;
    const { stages, hooks, taskDefinition, strategy, startedAt, commit } = earlier;
    Object.assign(release, {
        ...(stages && { stages }),
        ...(hooks && { hooks }),
        ...(taskDefinition && { taskDefinition }),
        ...(strategy && { strategy }),
        ...(startedAt && { startedAt }),
        ...(commit && { commit }),
        stage: stages?.at(-1)?.stage ?? release.stage
    });
}

;// CONCATENATED MODULE: ./src/commands/promote.ts







/**
 * `command: promote`: answers CONTINUE at the pause that holds the deployment, then
 * follows it like deploy does, so a release can stop again at its next pause (each
 * canary or linear step pauses with a new hook id).
 */
async function promote(ctx, release) {
    const { ecs, deployment } = await loadTargetDeployment(ctx, release);
    await checkStillUnderWay(ecs, release, deployment, 'promote');
    const hookId = (0,watch/* awaitingPauseHook */.SO)(deployment);
    if (!hookId) {
        throw new Error(`Deployment ${release.deploymentArn} is not paused: it is at stage ${deployment.lifecycleStage ?? 'none'} ` +
            `with status ${deployment.status}. Nothing was changed; promote once it reports a pause (wait-until: paused).`);
    }
    await recallEarlierRun(ctx, ecs, release, deployment);
    (0,timeline/* recordDeployment */.d)(release, deployment, ctx.clock.now());
    try {
        await ecs.continueServiceDeployment({
            serviceDeploymentArn: release.deploymentArn,
            hookId,
            action: 'CONTINUE'
        });
    }
    catch (error) {
        if ((0,errors/* errorName */.Is)(error) !== 'InvalidParameterException' && (0,errors/* errorName */.Is)(error) !== 'ClientException')
            throw error;
        throw new Error(`ECS refused to continue pause ${hookId}: ${error.message} Someone may have promoted or rolled ` +
            'it back already, or a newer deployment replaced it; run command: status to see where it stands.', { cause: error });
    }
    ctx.log.info(`Promoted: answered CONTINUE at pause ${hookId} (${deployment.lifecycleStage}).`);
    const resumed = release.hooks.find(hook => hook.hookId === hookId);
    if (resumed)
        resumed.status = 'SUCCEEDED';
    void ctx.reporter.publish(release, false);
    const events = new service_events/* ServiceEventStream */.W(ecs, release.cluster, release.service, ctx.clock.now());
    const result = await (0,follow/* followDeployment */.p)(ctx, ecs, release, {
        until: ctx.inputs.waitUntil,
        ignoreHookIds: [hookId],
        events
    });
    await concludeWatch(ctx, ecs, release, result, events);
}

;// CONCATENATED MODULE: ./src/commands/rollback.ts







/**
 * `command: rollback`: a paused deployment is answered ROLLBACK at its pause; one still
 * moving (bake time included) is stopped with ROLLBACK. The step succeeds when ECS
 * reports ROLLBACK_SUCCESSFUL and fails on ROLLBACK_FAILED.
 */
async function rollback(ctx, release) {
    const { ecs, deployment } = await loadTargetDeployment(ctx, release);
    await checkStillUnderWay(ecs, release, deployment, 'roll back');
    await recallEarlierRun(ctx, ecs, release, deployment);
    (0,timeline/* recordDeployment */.d)(release, deployment, ctx.clock.now());
    const how = await (0,ecs_rollback/* requestRollback */.W)(ecs, release.deploymentArn ?? '', (0,watch/* awaitingPauseHook */.SO)(deployment));
    ctx.log.info(how === 'continue-rollback'
        ? `Rollback requested: answered ROLLBACK at the pause (${deployment.lifecycleStage}).`
        : `Rollback requested: stopped the deployment with ROLLBACK at stage ${deployment.lifecycleStage ?? 'none'}.`);
    void ctx.reporter.publish(release, false);
    const events = new service_events/* ServiceEventStream */.W(ecs, release.cluster, release.service, ctx.clock.now());
    const result = await (0,follow/* followDeployment */.p)(ctx, ecs, release, { until: { kind: 'complete' }, events });
    await concludeWatch(ctx, ecs, release, result, events);
}

// EXTERNAL MODULE: ./src/outputs.ts
var outputs = __nccwpck_require__(8891);
;// CONCATENATED MODULE: ./src/commands/status.ts






/** `command: status`: shows where the deployment stands and sets the outputs; changes nothing. */
async function status_status(ctx, release) {
    const { deployment } = await loadTargetDeployment(ctx, release);
    (0,timeline/* recordDeployment */.d)(release, deployment, ctx.clock.now());
    (0,outputs/* setDeploymentOutputs */.u)(ctx.outputs, release);
    const { log } = ctx;
    log.info(`Deployment ${release.deploymentArn}`);
    log.info(`  status: ${deployment.status ?? 'unknown'}${deployment.statusReason ? ` (${deployment.statusReason})` : ''}`);
    log.info(`  stage: ${deployment.lifecycleStage ?? 'none'}`);
    log.info(`  traffic and tasks: ${(0,timeline_log/* formatTraffic */.zM)((0,timeline/* trafficOf */.t)(deployment)) || 'not reported'}`);
    log.info(`  strategy: ${deployment.deploymentConfiguration?.strategy ?? 'unknown'}`);
    for (const hook of release.hooks)
        log.info(`  ${(0,timeline_log/* formatHook */.jT)(hook)}`);
    if (deployment.createdAt)
        log.info(`  created: ${deployment.createdAt.toISOString()}`);
    if (deployment.finishedAt)
        log.info(`  finished: ${deployment.finishedAt.toISOString()}`);
    if ((0,stages/* isTerminalStatus */.TQ)(deployment.status)) {
        concludeRelease(release, { kind: 'finished', deployment }, { timeoutMinutes: 0, now: ctx.clock.now() });
    }
    else {
        release.outcome = release.hooks.some(hook => hook.status === 'AWAITING_ACTION')
            ? 'paused'
            : 'running';
    }
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(3024);
;// CONCATENATED MODULE: ./src/github-run.ts

/**
 * The workflow run, read from the runner's environment and event payload. Read directly
 * rather than through @actions/github so that a run that fails validation never loads it.
 */
function readGitHubRun(env = process.env) {
    const payload = readEventPayload(env.GITHUB_EVENT_PATH);
    const pullRequest = payload?.pull_request;
    const run = {
        serverUrl: env.GITHUB_SERVER_URL || 'https://github.com',
        repository: env.GITHUB_REPOSITORY || '',
        runId: env.GITHUB_RUN_ID || '',
        runAttempt: env.GITHUB_RUN_ATTEMPT || undefined,
        workflow: env.GITHUB_WORKFLOW || undefined,
        workflowRef: env.GITHUB_WORKFLOW_REF || undefined,
        eventName: env.GITHUB_EVENT_NAME || '',
        sha: env.GITHUB_SHA || '',
        ref: env.GITHUB_REF || undefined,
        actor: env.GITHUB_ACTOR || undefined
    };
    if (typeof pullRequest?.number === 'number' && typeof pullRequest.head?.sha === 'string') {
        run.pullRequest = { number: pullRequest.number, headSha: pullRequest.head.sha };
    }
    return run;
}
function readEventPayload(path) {
    if (!path)
        return undefined;
    try {
        const payload = JSON.parse((0,external_node_fs_.readFileSync)(path, 'utf8'));
        return typeof payload === 'object' && payload !== null
            ? payload
            : undefined;
    }
    catch {
        return undefined;
    }
}

// EXTERNAL MODULE: ./src/inputs.ts
var src_inputs = __nccwpck_require__(5396);
;// CONCATENATED MODULE: ./src/report/escape.ts
/**
 * Every way untrusted text (image names, ECS reasons, hook ARNs, names from users) enters
 * a report goes through this module, so there is one place to get escaping right.
 */
/**
 * ASCII characters with a meaning in GitHub Markdown or HTML. As numeric character
 * references they render as themselves but can never open a link, emphasis, a table
 * cell, a tag, math (`$`), a list or a heading. A bare `https://…` in untrusted text may
 * still be autolinked by GitHub; such a link shows its own target, so it is left alone.
 */
const MARKDOWN_SPECIAL = /[\\`*_{}[\]()<>#+\-.!|~&"'$]/g;
/** Control characters and bidirectional overrides, which can disguise what text says. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069]/g;
/** `@name` at the start of a word notifies that user or team; a word joiner prevents it. */
const MENTION = /(^|[^\w@])@(?=[\w-])/g;
/** Longest untrusted value shown in a single table cell or line. */
const MAX_INLINE = 300;
/** Shortens text to at most `max` characters (counting the ellipsis). */
function clip(text, max) {
    if (text.length <= max)
        return text;
    let end = Math.max(0, max - 1);
    // Do not cut a surrogate pair in half.
    if (/[\uD800-\uDBFF]/.test(text.charAt(end - 1)))
        end -= 1;
    return `${text.slice(0, end)}…`;
}
/** Markdown/HTML-safe inline text: one line, clipped, every special character neutralised. */
function escape_text(value, max = MAX_INLINE) {
    return escapeLine(clip(value.replace(/\s+/g, ' ').trim(), max));
}
/** Like `text`, keeping line breaks as `<br>` (for reasons and details that span lines). */
function multiline(value, max) {
    return clip(value.trim(), max)
        .split(/\r\n|\r|\n/)
        .map(line => escapeLine(line.replace(/\s+/g, ' ')))
        .join('<br>');
}
function escapeLine(line) {
    return line
        .replace(INVISIBLE, '')
        .replace(MARKDOWN_SPECIAL, char => `&#${char.charCodeAt(0)};`)
        .replace(MENTION, '$1@\u2060');
}
/** Inline code: `<code>` rather than backticks, so backticks and pipes inside need no fences. */
function code(value, max = MAX_INLINE) {
    return `<code>${escape_text(value, max)}</code>`;
}
/**
 * A URL that is safe as a Markdown link destination or an HTML attribute: http(s) only,
 * with characters that end a destination or a table cell percent-encoded.
 */
function safeUrl(url) {
    if (url === undefined)
        return undefined;
    let parsed;
    try {
        parsed = new URL(url);
    }
    catch {
        return undefined;
    }
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
        return undefined;
    return parsed.href.replace(/[()<>"'`|\\ ]/g, char => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}
/** `[label](url)` with the label escaped, or the bare label when the URL is not safe. */
function escape_link(label, url) {
    const href = safeUrl(url);
    return href === undefined ? escape_text(label) : `[${escape_text(label)}](${href})`;
}
/**
 * A fenced code block whose fence is longer than any backtick run inside, so no
 * content line can close it. Content is shown literally (no escaping applies in code).
 */
function fencedBlock(content, language = '') {
    const longestRun = Math.max(0, ...(content.match(/`+/g) ?? []).map(run => run.length));
    const fence = '`'.repeat(Math.max(3, longestRun + 1));
    return `${fence}${language}\n${content}\n${fence}`;
}
/** A POSIX shell word: unquoted when plain, else single-quoted. */
function shellWord(value) {
    if (/^[A-Za-z0-9_./:@%+=,-]+$/.test(value))
        return value;
    return `'${value.replace(/'/g, `'\\''`)}'`;
}
/**
 * A value inside an HTML comment marker: only `[A-Za-z0-9_.:/]` survive, the rest is
 * percent-encoded (UTF-8), so a value cannot contain a space, `=`, `-->` or `--`.
 */
function markerValue(value) {
    return Array.from(new TextEncoder().encode(value), byte => {
        const char = String.fromCharCode(byte);
        return /[A-Za-z0-9_.:/]/.test(char)
            ? char
            : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    }).join('');
}
/**
 * Text for a Mermaid gantt task or section: letters, digits, `_`, `-`, `.`, `/`, `(`, `)`
 * and spaces only. Mermaid's lexer treats `:` `#` `;` `%` and newlines as syntax.
 */
function mermaidText(value, max = 60) {
    const cleaned = value
        .replace(/[^A-Za-z0-9_\-./() ]+/g, ' ')
        .replace(/\s+/g, ' ')
        .trim();
    return cleaned.slice(0, max).trim();
}
/** Plain text (check run titles and names are not Markdown): one clipped line, nothing hidden. */
function plain(value, max = MAX_INLINE) {
    return clip(value.replace(INVISIBLE, '').replace(/\s+/g, ' ').trim(), max);
}

;// CONCATENATED MODULE: ./src/report/api-problems.ts

const CHANNELS = {
    comment: {
        what: 'pull request comment',
        permission: 'pull-requests: write',
        input: 'pr-comment'
    },
    'check-run': { what: 'check run', permission: 'checks: write', input: 'check-run' }
};
/** Transient problems get this many tries (one per publish) before the channel is dropped. */
const TRANSIENT_ATTEMPTS = 3;
function classify(error) {
    const failure = error;
    const status = typeof failure?.status === 'number' ? failure.status : undefined;
    const message = plain(String(failure?.message ?? error), 300);
    const headers = failure?.response?.headers ?? {};
    const rateLimited = headers['x-ratelimit-remaining'] === '0' ||
        headers['retry-after'] !== undefined ||
        /rate limit/i.test(message);
    if ((status === 403 || status === 429) && rateLimited)
        return { kind: 'rate-limited', status, message };
    if (status === 401)
        return { kind: 'unauthorized', status, message };
    if (status === 403)
        return { kind: 'forbidden', status, message };
    if (status === 404)
        return { kind: 'not-found', status, message };
    if (status !== undefined && status >= 400 && status < 500)
        return { kind: 'rejected', status, message };
    return { kind: 'unavailable', status, message };
}
function isTransient(problem) {
    return problem.kind === 'unavailable';
}
function problemWarning(channel, problem, actor) {
    const { what, permission, input } = CHANNELS[channel];
    const answer = `GitHub answered ${problem.status ?? 'nothing'} (${problem.message})`;
    const grant = `add \`${permission}\` to the job's \`permissions:\` block (or set \`${input}: false\`)`;
    const off = `No more ${what} updates in this run; the job summary still has the report.`;
    switch (problem.kind) {
        case 'forbidden': {
            const readOnly = actor === 'dependabot[bot]'
                ? ' Dependabot runs get a read-only GITHUB_TOKEN, so this is expected here.'
                : ' Pull requests from forks and Dependabot get a read-only GITHUB_TOKEN, so this is expected there.';
            const appOnly = /GitHub App/i.test(problem.message)
                ? ' Check runs can only be written with a GitHub App token such as GITHUB_TOKEN, not a personal access token.'
                : '';
            return `Could not write the ${what}: the token lacks \`${permission}\`. ${answer}. To fix it, ${grant}.${appOnly}${readOnly} ${off}`;
        }
        case 'unauthorized':
            return `Could not write the ${what}: GitHub rejected github-token. ${answer}. Pass a valid token, or leave github-token at its default. ${off}`;
        case 'not-found':
            return `Could not write the ${what}: ${answer}, which is how GitHub reports a token that cannot see the repository. With a fine-grained or GitHub App token, grant \`${permission}\` on this repository; with GITHUB_TOKEN, ${grant}. ${off}`;
        case 'rate-limited':
            return `Could not write the ${what}: GitHub's API rate limit was reached and retrying did not help. ${answer}. ${off}`;
        case 'rejected':
            return `Could not write the ${what}: GitHub rejected the request. ${answer}. ${off}`;
        case 'unavailable':
            return `Could not write the ${what} this time: ${answer}. It is retried at the next update, and given up after ${TRANSIENT_ATTEMPTS} failures in a row.`;
    }
}
/**
 * Runs a channel's API work: catches every error, warns once per kind of problem, and
 * switches the channel off (at once, or after repeated transient failures).
 */
class ChannelGuard {
    channel;
    log;
    actor;
    on = true;
    warned = new Set();
    transientFailures = 0;
    constructor(channel, log, actor) {
        this.channel = channel;
        this.log = log;
        this.actor = actor;
    }
    get enabled() {
        return this.on;
    }
    /** Switches the channel off for a reason that is not a problem (no pull request, no token). */
    disable() {
        this.on = false;
    }
    async run(work) {
        if (!this.on)
            return undefined;
        try {
            const result = await work();
            this.transientFailures = 0;
            return result;
        }
        catch (error) {
            this.fail(classify(error));
            return undefined;
        }
    }
    fail(problem) {
        if (!this.warned.has(problem.kind)) {
            this.warned.add(problem.kind);
            this.log.warning(problemWarning(this.channel, problem, this.actor));
        }
        if (isTransient(problem)) {
            this.transientFailures += 1;
            if (this.transientFailures < TRANSIENT_ATTEMPTS)
                return;
        }
        this.on = false;
    }
}

;// CONCATENATED MODULE: ./src/report/format.ts

/** Shown for a value that is not known. */
const NONE = '—';
const EARLIEST = Date.UTC(2000, 0, 1);
const LATEST = Date.UTC(2200, 0, 1);
/**
 * Dates from ECS or from an earlier run's report may be missing, invalid or absurd; only
 * those in 2000–2199 are shown (which also keeps ISO formatting to four-digit years).
 */
function isValidDate(date) {
    const ms = date instanceof Date ? date.getTime() : Number.NaN;
    return ms >= EARLIEST && ms < LATEST;
}
/** `2026-11-25 18:00:05 UTC`. */
function dateTime(date) {
    if (!isValidDate(date))
        return NONE;
    return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}
/** `18:00:05` (UTC, like the job log). */
function time(date) {
    return isValidDate(date) ? (0,src_log/* formatTime */.f)(date) : NONE;
}
/** `1h02m05s`, `3m07s`, `12s`. */
function duration(from, to) {
    if (!isValidDate(from) || !isValidDate(to))
        return NONE;
    return (0,src_log/* formatElapsed */.C)(to.getTime() - from.getTime()).slice(1);
}
/** `+3m07s` since the release started. */
function offset(start, at) {
    if (!isValidDate(start) || !isValidDate(at))
        return NONE;
    return (0,src_log/* formatElapsed */.C)(at.getTime() - start.getTime());
}
/** `10%`, `12.5%`; weights are doubles from ECS. */
function percent(value) {
    if (value === undefined || !Number.isFinite(value))
        return NONE;
    return `${Math.round(value * 10) / 10}%`;
}
/** The name inside an ECS ARN (`…:cluster/prod` → `prod`, `…:service/prod/web` → `web`). */
function shortName(nameOrArn) {
    if (!nameOrArn.startsWith('arn:'))
        return nameOrArn;
    return nameOrArn.split('/').pop() || nameOrArn;
}
/** `web:42` from a task definition ARN. */
function taskDefinitionName(arn) {
    const match = /:task-definition\/(.+)$/.exec(arn);
    return match?.[1] ?? arn;
}
/** The id at the end of a service deployment ARN. */
function deploymentId(arn) {
    return arn.split('/').pop() || arn;
}
/** A full commit SHA (SHA-1 or SHA-256), the only form the checks API accepts. */
function isCommitSha(value) {
    return value !== undefined && /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/.test(value);
}
function shortSha(sha) {
    return isCommitSha(sha) ? sha.slice(0, 7) : sha;
}

;// CONCATENATED MODULE: ./src/report/markdown.ts
/**
 * Builds a Markdown document that never exceeds a byte budget: blocks and table rows are
 * added whole while they fit, and whatever is left out is said in a visible note. Cutting
 * only at block and row boundaries keeps every table, tag and fence well-formed.
 * Bytes (UTF-8) bound characters too, whichever way GitHub counts them.
 */
/** Room kept below a table for its note about rows left out. */
const TABLE_NOTE_RESERVE = 300;
const SEPARATOR = '\n\n';
function byteLength(text) {
    return Buffer.byteLength(text, 'utf8');
}
class MarkdownBuilder {
    limit;
    blocks = [];
    used = 0;
    omittedBlocks = 0;
    /** Said at the end when a block was left out; its room is always kept free. */
    overflowNote = '> [!NOTE]\n> Parts of this report were left out to stay within GitHub’s size limit.';
    reserve = byteLength(this.overflowNote) + byteLength(SEPARATOR);
    constructor(limit) {
        this.limit = limit;
    }
    /** Adds a block if it fits; returns whether it did. Undefined and empty blocks are skipped. */
    add(block) {
        if (block === undefined || block === '')
            return true;
        if (!this.fits(block)) {
            this.omittedBlocks += 1;
            return false;
        }
        this.push(block);
        return true;
    }
    /** Adds a table with as many rows as fit, and a note saying how many were left out. */
    addTable(table, limit = {}) {
        const header = tableRows([table.headers, table.headers.map(() => '---')]);
        const row = (index) => tableRows([table.cells(table.items[index], index)]);
        this.addLines(header, table.items.length, row, table.noun, limit);
    }
    /** Adds a bullet list with as many items as fit, and a note saying how many were left out. */
    addList(items, render, noun, limit = {}) {
        const line = (index) => `- ${render(items[index]).replace(/\s*\n\s*/g, ' ')}`;
        this.addLines(undefined, items.length, line, noun, limit);
    }
    /** Adds lines 0…total-1 (rendered by `line`) under `header` while they fit. */
    addLines(header, total, line, noun, limit) {
        const capped = Math.min(total, limit.maxRows ?? total);
        const first = limit.keep === 'last' ? total - capped : 0;
        const indexes = Array.from({ length: capped }, (_, i) => first + i);
        if (limit.keep === 'last')
            indexes.reverse();
        const chosen = [];
        let size = byteLength(header ?? '') + byteLength(SEPARATOR) + TABLE_NOTE_RESERVE;
        for (const index of indexes) {
            const text = line(index);
            const next = size + byteLength(text) + 1;
            if (!this.fitsSize(next))
                break;
            chosen.push(text);
            size = next;
        }
        if (chosen.length === 0 && total > 0) {
            this.omittedBlocks += 1;
            return;
        }
        if (limit.keep === 'last')
            chosen.reverse();
        this.push([...(header === undefined ? [] : [header]), ...chosen].join('\n'));
        const bySize = capped - chosen.length;
        const byCount = total - capped;
        const notes = [];
        if (byCount > 0) {
            const which = limit.keep === 'last' ? 'earlier' : 'more';
            const where = limit.elsewhere ? `: ${limit.elsewhere}` : '';
            notes.push(`${byCount} ${which} ${noun} not shown${where}.`);
        }
        if (bySize > 0)
            notes.push(`${bySize} ${noun} left out to stay within GitHub’s size limit.`);
        if (notes.length > 0)
            this.add(`<sub>${notes.join(' ')}</sub>`);
    }
    toString() {
        const blocks = this.omittedBlocks > 0 ? [...this.blocks, this.overflowNote] : this.blocks;
        return blocks.join(SEPARATOR);
    }
    fits(block) {
        return this.fitsSize(byteLength(block) + byteLength(SEPARATOR));
    }
    fitsSize(size) {
        return this.used + size + this.reserve <= this.limit;
    }
    push(block) {
        this.blocks.push(block);
        this.used += byteLength(block) + byteLength(SEPARATOR);
    }
}
/** GFM table rows; a cell can never add a column or a line. */
function tableRows(rows) {
    return rows
        .map(row => `| ${row.map(cell => cell.replace(/\|/g, '&#124;').replace(/\s*\n\s*/g, ' ')).join(' | ')} |`)
        .join('\n');
}

;// CONCATENATED MODULE: ./src/report/promotion.ts



/** `owner/repo/.github/workflows/deploy.yml@refs/heads/main` → deploy.yml on main. */
function workflowTarget(workflowRef) {
    const match = /^[^/]+\/[^/]+\/(\.github\/workflows\/[^@]+)@(.*)$/.exec(workflowRef ?? '');
    if (!match?.[1])
        return undefined;
    const path = match[1];
    const ref = /^refs\/(?:heads|tags)\/(.+)$/.exec(match[2] ?? '')?.[1];
    return { path, file: path.split('/').pop() ?? path, ref };
}
/** `gh workflow run deploy.yml --repo o/r --ref main -f command=promote -f service=… …`. */
function dispatchCommand(release, decision) {
    const target = workflowTarget(release.github.workflowRef);
    const words = [
        'gh workflow run',
        shellWord(target?.file ?? 'WORKFLOW_FILE'),
        ...(release.github.repository ? ['--repo', shellWord(release.github.repository)] : []),
        ...(target?.ref ? ['--ref', shellWord(target.ref)] : []),
        `-f command=${decision}`,
        `-f service=${shellWord(release.service)}`,
        `-f cluster=${shellWord(release.cluster)}`,
        ...(release.deploymentArn ? [`-f deployment-arn=${shellWord(release.deploymentArn)}`] : [])
    ];
    return words.join(' ');
}
/**
 * How to promote or roll back a paused release: the exact `gh` commands and the way
 * through the GitHub UI. Undefined unless the release is paused.
 */
function promotionBlock(release, level) {
    if (release.outcome !== 'paused')
        return undefined;
    const hook = (0,src_release/* awaitingHook */.ob)(release);
    const where = hook?.stage ?? release.stage;
    const expiry = hook?.expiresAt
        ? ` until ${dateTime(hook.expiresAt)}; then ECS will ${timeoutAction(hook.timeoutAction)}`
        : '';
    const target = workflowTarget(release.github.workflowRef);
    const { serverUrl, repository } = release.github;
    const workflow = target
        ? escape_link(target.file, `${serverUrl}/${repository}/actions/workflows/${target.file}`)
        : 'the workflow that deployed';
    const inputs = [
        `command ${code('promote')} (or ${code('rollback')})`,
        `service ${code(release.service)}`,
        `cluster ${code(release.cluster)}`,
        ...(release.deploymentArn ? [`deployment-arn ${code(release.deploymentArn)}`] : [])
    ];
    return [
        `${'#'.repeat(level)} ⏸️ Awaiting promotion`,
        `The deployment is paused${where ? ` at ${code(where, 100)}` : ''}${expiry}.` +
            (hook?.hookId ? ` Pause hook: ${code(hook.hookId)}.` : ''),
        '**Promote** (continue the deployment):',
        fencedBlock(dispatchCommand(release, 'promote'), 'sh'),
        '**Roll back:**',
        fencedBlock(dispatchCommand(release, 'rollback'), 'sh'),
        `Or on GitHub: **Actions** → ${workflow} → **Run workflow**${target?.ref ? ` (branch ${code(target.ref)})` : ''}, with ${inputs.join(', ')}.`
    ].join('\n\n');
}
function timeoutAction(action) {
    if (action === 'CONTINUE')
        return '**continue** the deployment';
    if (action === 'ROLLBACK' || action === undefined)
        return '**roll back**';
    return `do ${escape_text(action, 40)}`;
}

;// CONCATENATED MODULE: ./src/report/release-view.ts


const OUTCOMES = {
    paused: { icon: '⏸️', label: 'awaiting promotion', settled: false },
    succeeded: { icon: '✅', label: 'succeeded', settled: true },
    'rolled-back': { icon: '↩️', label: 'rolled back', settled: true },
    failed: { icon: '❌', label: 'failed', settled: true },
    'timed-out': { icon: '⏱️', label: 'timed out', settled: true },
    cancelled: { icon: '🚫', label: 'cancelled', settled: true }
};
function outcomeView(release, final) {
    if (release.outcome !== 'running')
        return OUTCOMES[release.outcome];
    return isStoppedFollowing(release, final)
        ? { icon: '⏩', label: 'continuing in ECS (this step stopped following it)', settled: true }
        : { icon: '🔄', label: 'in progress', settled: false };
}
/** The step ended on purpose before the deployment did (wait-until none or a stage). */
function isStoppedFollowing(release, final) {
    return final && release.outcome === 'running';
}
/** The short cluster and service names that identify a release's comment and check run. */
function releaseKey(release) {
    return { cluster: shortName(release.cluster), service: shortName(release.service) };
}
/** The stage ECS reported last, else the last one recorded. */
function currentStage(release) {
    return release.stage ?? release.stages.at(-1)?.stage;
}
const PHASE_ICONS = {
    done: '✅',
    current: '🔄',
    waiting: '⏸️',
    pending: '⚪',
    failed: '❌'
};
const ENDINGS = {
    running: 'Done',
    paused: 'Done',
    succeeded: 'Done',
    'rolled-back': 'Rolled back',
    failed: 'Failed',
    'timed-out': 'Timed out',
    cancelled: 'Cancelled'
};
/** started → test traffic → (approval) → production → done / rolled back. */
function phases(release, final) {
    const seen = [...release.stages.map(record => record.stage), release.stage];
    const reached = (stage) => seen.some(s => (0,stages/* hasReachedStage */.j_)(s, stage));
    const pause = lastPause(release.hooks);
    const steps = [
        { label: 'Started', reached: true },
        { label: 'Test traffic', reached: reached('TEST_TRAFFIC_SHIFT') },
        { label: 'Production traffic', reached: reached('PRODUCTION_TRAFFIC_SHIFT') }
    ];
    if (pause || release.outcome === 'paused') {
        // The approval sits where its pause hook is: before test traffic, after production, or between.
        const stage = pause?.stage;
        const at = !stage || (0,stages/* hasReachedStage */.j_)(stage, 'TEST_TRAFFIC_SHIFT') ? 2 : 1;
        const afterProduction = stage !== undefined && (0,stages/* hasReachedStage */.j_)(stage, 'POST_PRODUCTION_TRAFFIC_SHIFT');
        steps.splice(afterProduction ? 3 : at, 0, { label: 'Approval', reached: true, approval: true });
    }
    const view = outcomeView(release, final);
    const stopped = isStoppedFollowing(release, final);
    steps.push({
        label: stopped ? 'Not followed further' : ENDINGS[release.outcome],
        reached: view.settled && !stopped
    });
    const last = steps.reduce((found, step, index) => (step.reached ? index : found), 0);
    return steps.map((step, index) => {
        if (step.approval && release.outcome === 'paused') {
            return { label: 'Awaiting approval', state: 'waiting' };
        }
        if (!step.reached)
            return { label: step.label, state: 'pending' };
        if (index === steps.length - 1) {
            return { label: step.label, state: release.outcome === 'succeeded' ? 'done' : 'failed' };
        }
        const ongoing = index === last && !view.settled && release.outcome !== 'paused';
        return { label: step.label, state: ongoing ? 'current' : 'done' };
    });
}
/** `✅ Started → 🔄 **Test traffic** → ⚪ Production traffic → ⚪ Done`. */
function phaseLine(release, final) {
    return phases(release, final)
        .map(phase => {
        const label = phase.state === 'current' || phase.state === 'waiting' ? `**${phase.label}**` : phase.label;
        return `${PHASE_ICONS[phase.state]} ${label}`;
    })
        .join(' → ');
}
function lastPause(hooks) {
    return hooks.filter(hook => hook.targetType === 'PAUSE').at(-1);
}

;// CONCATENATED MODULE: ./src/report/sections.ts




/**
 * The pieces the job summary, the PR comment and the check run share. Every value from
 * the Release passes through escape.ts here; callers add the blocks to a MarkdownBuilder.
 */
const MAX_ENV_NAMES = 50;
/** `## ✅ web on prod: succeeded`. */
function headline(release, final, level) {
    const view = outcomeView(release, final);
    const { cluster, service } = releaseKey(release);
    return `${'#'.repeat(level)} ${view.icon} ${escape_text(service)} on ${escape_text(cluster)}: ${view.label}`;
}
/** `ECS console: [id](…) · Workflow run: [Deploy #12](…)`. */
function linksLine(release) {
    const links = [];
    const consoleLink = (0,src_release/* consoleUrl */.B9)(release);
    if (release.deploymentArn) {
        links.push(`ECS console: ${escape_link(deploymentId(release.deploymentArn), consoleLink)}`);
    }
    const run = release.github.workflow
        ? `${release.github.workflow} #${release.github.runId}`
        : `run ${release.github.runId}`;
    links.push(`Workflow run: ${escape_link(run, (0,src_release/* runUrl */.Vp)(release.github))}`);
    return links.join(' · ');
}
function overviewTable(release, final) {
    const { cluster, service } = releaseKey(release);
    const rows = [
        ['Service', code(service)],
        ['Cluster', code(cluster)],
        ['Region', release.region && escape_text(release.region)],
        ['Strategy', release.strategy && escape_text(release.strategy)],
        ['Command', escape_text(release.command)],
        ['Status', statusCell(release, final)],
        ['Commit', release.commit && commitCell(release, release.commit)],
        [
            'Deployment',
            release.deploymentArn && escape_link(deploymentId(release.deploymentArn), (0,src_release/* consoleUrl */.B9)(release))
        ],
        ['Started', dateTime(release.startedAt)],
        [
            'Finished',
            release.finishedAt &&
                `${dateTime(release.finishedAt)} (${duration(release.startedAt, release.finishedAt)})`
        ],
        [
            'Replaced deployment',
            release.supersededDeploymentArn && code(release.supersededDeploymentArn)
        ],
        ['Replaced by', release.supersededBy && code(release.supersededBy)]
    ];
    return {
        headers: ['', ''],
        items: rows.flatMap(([name, value]) => (value ? [[name, value]] : [])),
        cells: ([name, value]) => [`**${name}**`, value],
        noun: 'facts'
    };
}
function statusCell(release, final) {
    const view = outcomeView(release, final);
    const ecs = [release.status, release.stage].filter((v) => !!v).map(v => code(v));
    return `${view.icon} ${view.label}${ecs.length > 0 ? ` (ECS: ${ecs.join(' at ')})` : ''}`;
}
function commitCell(release, commit) {
    if (!isCommitSha(commit))
        return code(commit);
    const { serverUrl, repository } = release.github;
    return escape_link(shortSha(commit), `${serverUrl}/${repository}/commit/${commit}`);
}
/**
 * Why it failed, what ECS said, what to check, and the facts behind it (a list that
 * shows as many as fit). Adds nothing when nothing went wrong.
 */
function addFailure(doc, release, limits) {
    const paragraphs = [
        release.reason && `**Why:** ${multiline(release.reason, limits.maxText)}`,
        release.statusReason &&
            release.statusReason !== release.reason &&
            `**ECS says:** ${multiline(release.statusReason, limits.maxText)}`,
        release.hint && `**What to check:** ${multiline(release.hint, limits.maxText)}`
    ].filter((paragraph) => !!paragraph);
    if (paragraphs.length === 0 && release.details.length === 0)
        return;
    doc.add(limits.heading);
    for (const paragraph of paragraphs)
        doc.add(paragraph);
    doc.addList(release.details, detail => multiline(detail, limits.maxText), 'details', {
        maxRows: limits.maxDetails,
        elsewhere: limits.elsewhere
    });
}
function taskDefinitionIntro(release) {
    const change = release.taskDefinition;
    if (!change || (!change.arn && !change.previousArn))
        return undefined;
    const name = (arn) => (arn ? code(taskDefinitionName(arn)) : NONE);
    return `Task definition ${name(change.previousArn)} → ${name(change.arn)}`;
}
function containersTable(release) {
    const containers = release.taskDefinition?.containers ?? [];
    if (containers.length === 0)
        return undefined;
    return {
        headers: ['Container', 'Image before', 'Image after', 'Changed environment variables'],
        items: containers,
        cells: container => {
            const names = container.changedEnvironment
                .slice(0, MAX_ENV_NAMES)
                .map(name => code(name, 100));
            const more = container.changedEnvironment.length - names.length;
            return [
                code(container.name, 100),
                container.previousImage ? code(container.previousImage) : NONE,
                !container.image
                    ? NONE
                    : container.image === container.previousImage
                        ? 'unchanged'
                        : code(container.image),
                names.length === 0 ? NONE : `${names.join(', ')}${more > 0 ? ` and ${more} more` : ''}`
            ];
        },
        noun: 'containers'
    };
}
function timelineTable(release, final) {
    return {
        headers: [
            '#',
            'Stage',
            'Started (UTC)',
            'At',
            'Duration',
            'Test traffic → new',
            'Production traffic → new',
            'New tasks'
        ],
        items: release.stages,
        cells: (record, index) => [
            String(index + 1),
            code(record.stage, 100),
            time(record.startedAt),
            offset(release.startedAt, record.startedAt),
            stageDuration(release, record, index, final),
            percent(record.traffic?.targetTest),
            percent(record.traffic?.targetProduction),
            tasks(record)
        ],
        noun: 'stages'
    };
}
function stageDuration(release, record, index, final) {
    if (record.endedAt)
        return duration(record.startedAt, record.endedAt);
    const isLast = index === release.stages.length - 1;
    if (isLast && outcomeView(release, final).settled && release.finishedAt) {
        return duration(record.startedAt, release.finishedAt);
    }
    // No live counter: a report that changes every poll would be re-sent every poll.
    return isLast ? 'ongoing' : NONE;
}
function tasks(record) {
    const running = record.traffic?.targetRunning;
    const requested = record.traffic?.targetRequested;
    if (running === undefined && requested === undefined)
        return NONE;
    return `${running ?? '?'}/${requested ?? '?'}`;
}
const HOOK_STATUS_ICONS = {
    SUCCEEDED: '✅',
    FAILED: '❌',
    TIMED_OUT: '⏱️',
    AWAITING_ACTION: '⏸️',
    IN_PROGRESS: '🔄'
};
function hooksTable(release) {
    if (release.hooks.length === 0)
        return undefined;
    return {
        headers: ['Type', 'Stage', 'Status', 'Target', 'Expires (UTC)', 'On timeout'],
        items: release.hooks,
        cells: hook => [
            hookType(hook),
            hook.stage ? code(hook.stage, 100) : NONE,
            hook.status
                ? `${HOOK_STATUS_ICONS[hook.status] ?? ''} ${escape_text(hook.status, 100)}`.trim()
                : NONE,
            hook.targetType === 'PAUSE' ? 'pause' : hook.targetArn ? code(hook.targetArn) : NONE,
            hook.status === 'AWAITING_ACTION' || hook.status === 'IN_PROGRESS'
                ? dateTime(hook.expiresAt)
                : NONE,
            hook.timeoutAction ? escape_text(hook.timeoutAction, 100) : NONE
        ],
        noun: 'hooks'
    };
}
function hookType(hook) {
    if (hook.targetType === 'PAUSE')
        return 'Pause';
    if (hook.targetType === 'AWS_LAMBDA')
        return 'Lambda';
    return hook.targetType ? escape_text(hook.targetType, 100) : NONE;
}
/** The task definition change: old → new revision, then the containers (if any). */
function addTaskDefinition(doc, release, heading, limit) {
    const intro = taskDefinitionIntro(release);
    const containers = containersTable(release);
    if (!intro && !containers)
        return;
    doc.add(heading);
    doc.add(intro);
    if (containers)
        doc.addTable(containers, limit);
}
/** The timeline table under `heading`; nothing when no stage was seen. */
function addTimeline(doc, release, final, heading, limit) {
    if (release.stages.length === 0)
        return;
    doc.add(heading);
    doc.addTable(timelineTable(release, final), limit);
}
/** The hooks table under `heading`; nothing when no hook was seen. */
function addHooks(doc, release, heading, limit) {
    const hooks = hooksTable(release);
    if (!hooks)
        return;
    doc.add(heading);
    doc.addTable(hooks, limit);
}
/** A one-line footer naming the run that last wrote the report. */
function footer(release, note) {
    return `<sub>${linksLine(release)} · ${note}</sub>`;
}

;// CONCATENATED MODULE: ./src/report/snapshot.ts




/** Longest snapshot comment written or read (a quarter of a PR comment). */
const MAX_SNAPSHOT_LENGTH = 16000;
const VERSION = 'v1';
const MAX_ITEMS = 500;
const SHORT = 256;
const LONG = 2048;
function prefix(release) {
    const { cluster, service } = releaseKey(release);
    return `<!-- ecs-bluegreen-action:snapshot cluster=${markerValue(cluster)} service=${markerValue(service)} ${VERSION} `;
}
/** The hidden comment carrying `release`, shortened until it fits; '' if nothing fits. */
function snapshotComment(release) {
    // A 16 000-character snapshot cannot hold more than about 200 stages or hooks.
    for (const keep of [200, 50, 12, 0]) {
        const json = JSON.stringify(serialise(release, keep));
        const comment = `${prefix(release)}${Buffer.from(json, 'utf8').toString('base64')} -->`;
        if (comment.length <= MAX_SNAPSHOT_LENGTH)
            return comment;
    }
    return '';
}
function serialise(release, keep) {
    const s = (value, max = LONG) => value === undefined ? undefined : clip(value, max);
    const ms = (date) => isValidDate(date) ? date.getTime() : undefined;
    const last = (items) => (keep === 0 ? [] : items.slice(-keep));
    const change = release.taskDefinition;
    return {
        strategy: s(release.strategy, SHORT),
        region: s(release.region, SHORT),
        commit: s(release.commit, SHORT),
        deploymentArn: s(release.deploymentArn),
        startedAt: ms(release.startedAt),
        taskDefinition: change && {
            arn: s(change.arn),
            previousArn: s(change.previousArn),
            containers: change.containers.slice(0, keep).map(container => ({
                name: s(container.name, SHORT),
                previousImage: s(container.previousImage),
                image: s(container.image),
                changedEnvironment: container.changedEnvironment.slice(0, keep).map(n => s(n, SHORT))
            }))
        },
        stages: last(release.stages.filter(record => isValidDate(record.startedAt))).map(record => ({
            stage: s(record.stage, SHORT),
            startedAt: ms(record.startedAt),
            endedAt: ms(record.endedAt),
            traffic: record.traffic && validTraffic(record.traffic)
        })),
        hooks: last(release.hooks.filter(hook => isValidDate(hook.firstSeenAt))).map(hook => ({
            hookId: s(hook.hookId, SHORT),
            targetType: s(hook.targetType, SHORT),
            targetArn: s(hook.targetArn),
            stage: s(hook.stage, SHORT),
            status: s(hook.status, SHORT),
            expiresAt: ms(hook.expiresAt),
            timeoutAction: s(hook.timeoutAction, SHORT),
            firstSeenAt: ms(hook.firstSeenAt)
        }))
    };
}
/**
 * Reads the snapshot for `release`'s cluster and service out of a comment body or check
 * run text. Undefined when there is none, when anything in it is malformed, or when it
 * belongs to another deployment than `release`'s.
 */
function readSnapshot(text, release) {
    const start = text?.indexOf(prefix(release)) ?? -1;
    if (!text || start === -1)
        return undefined;
    const rest = text.slice(start + prefix(release).length, start + MAX_SNAPSHOT_LENGTH);
    const encoded = /^([A-Za-z0-9+/]+={0,2}) -->/.exec(rest)?.[1];
    if (!encoded)
        return undefined;
    let recalled;
    try {
        recalled = parseSnapshot(JSON.parse(Buffer.from(encoded, 'base64').toString('utf8')));
    }
    catch {
        return undefined;
    }
    const arn = release.deploymentArn;
    if (arn && recalled.deploymentArn && recalled.deploymentArn !== arn)
        return undefined;
    return recalled;
}
class Malformed extends Error {
}
function malformed() {
    throw new Malformed('malformed snapshot');
}
const string = (max) => value => typeof value === 'string' && value.length <= max ? value : malformed();
const optional = (check) => value => value === undefined || value === null ? undefined : check(value);
const date = value => {
    const parsed = typeof value === 'number' ? new Date(value) : undefined;
    return isValidDate(parsed) ? parsed : malformed();
};
const number = (min, max) => value => typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max
    ? value
    : malformed();
const list = (check) => value => Array.isArray(value) && value.length <= MAX_ITEMS ? value.map(check) : malformed();
const object = (value) => (0,structured_text/* isPlainObject */.Qd)(value) ? value : malformed();
/** Keeps only the fields that are present, so optional properties stay absent. */
function defined(fields) {
    return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}
function parseSnapshot(value) {
    const data = object(value);
    return defined({
        strategy: optional(string(SHORT))(data.strategy),
        region: optional(string(SHORT))(data.region),
        commit: optional(string(SHORT))(data.commit),
        deploymentArn: optional(string(LONG))(data.deploymentArn),
        startedAt: date(data.startedAt),
        taskDefinition: optional(parseTaskDefinition)(data.taskDefinition),
        stages: list(parseStage)(data.stages),
        hooks: list(parseHook)(data.hooks)
    });
}
function parseTaskDefinition(value) {
    const data = object(value);
    return defined({
        arn: optional(string(LONG))(data.arn),
        previousArn: optional(string(LONG))(data.previousArn),
        containers: list((item) => {
            const container = object(item);
            return defined({
                name: string(SHORT)(container.name),
                previousImage: optional(string(LONG))(container.previousImage),
                image: optional(string(LONG))(container.image),
                changedEnvironment: list(string(SHORT))(container.changedEnvironment)
            });
        })(data.containers)
    });
}
function parseStage(value) {
    const data = object(value);
    return defined({
        stage: string(SHORT)(data.stage),
        startedAt: date(data.startedAt),
        endedAt: optional(date)(data.endedAt),
        traffic: optional(parseTraffic)(data.traffic)
    });
}
const TRAFFIC_RANGES = {
    targetTest: [0, 100],
    targetProduction: [0, 100],
    sourceTest: [0, 100],
    sourceProduction: [0, 100],
    targetRunning: [0, 1_000_000],
    targetRequested: [0, 1_000_000]
};
/** The weights and counts that are numbers in range; what ECS sent otherwise is not kept. */
function validTraffic(traffic) {
    return Object.fromEntries(Object.entries(TRAFFIC_RANGES).flatMap(([key, [min, max]]) => {
        const value = traffic[key];
        return typeof value === 'number' && value >= min && value <= max ? [[key, value]] : [];
    }));
}
function parseTraffic(value) {
    const data = object(value);
    const field = (key) => optional(number(...TRAFFIC_RANGES[key]))(data[key]);
    return defined({
        targetTest: field('targetTest'),
        targetProduction: field('targetProduction'),
        sourceTest: field('sourceTest'),
        sourceProduction: field('sourceProduction'),
        targetRunning: field('targetRunning'),
        targetRequested: field('targetRequested')
    });
}
function parseHook(value) {
    const data = object(value);
    const firstSeenAt = date(data.firstSeenAt);
    return defined({
        hookId: optional(string(SHORT))(data.hookId),
        targetType: optional(string(SHORT))(data.targetType),
        targetArn: optional(string(LONG))(data.targetArn),
        stage: optional(string(SHORT))(data.stage),
        status: optional(string(SHORT))(data.status),
        expiresAt: optional(date)(data.expiresAt),
        timeoutAction: optional(string(SHORT))(data.timeoutAction),
        firstSeenAt,
        // The snapshot leaves out when a hook was last polled: it changes every poll.
        updatedAt: firstSeenAt
    });
}

;// CONCATENATED MODULE: ./src/report/check-run-output.ts








/** GitHub's limit on each of `output.summary` and `output.text`. */
const CHECK_OUTPUT_LIMIT = 65535;
const MAX_TITLE = 200;
const ELSEWHERE = 'the job summary lists them all';
/** The `check-name` input, else `ecs-bluegreen / <cluster>/<service>`. */
function checkRunName(release, checkName) {
    const { cluster, service } = releaseKey(release);
    return plain(checkName || `ecs-bluegreen / ${cluster}/${service}`, 255);
}
/**
 * running → in_progress (title: the stage); paused → in_progress, "awaiting promotion";
 * succeeded → success; rolled-back, failed, timed-out → failure; cancelled → cancelled.
 * A step that stopped following on purpose (wait-until none or a stage) completes as
 * `neutral`: it gives no verdict, and a later `status` run can replace it with one.
 */
function checkRunState(release, final) {
    switch (release.outcome) {
        case 'running':
            return final ? { status: 'completed', conclusion: 'neutral' } : { status: 'in_progress' };
        case 'paused':
            return { status: 'in_progress' };
        case 'succeeded':
            return { status: 'completed', conclusion: 'success' };
        case 'cancelled':
            return { status: 'completed', conclusion: 'cancelled' };
        case 'rolled-back':
        case 'failed':
        case 'timed-out':
            return { status: 'completed', conclusion: 'failure' };
    }
}
function checkRunTitle(release, final) {
    const stage = currentStage(release);
    const took = duration(release.startedAt, release.finishedAt);
    switch (release.outcome) {
        case 'running': {
            if (isStoppedFollowing(release, final)) {
                return plain(`stopped following${stage ? ` at ${stage}` : ''}; ECS continues`, MAX_TITLE);
            }
            const traffic = release.stages.at(-1)?.traffic;
            const weights = [
                traffic?.targetTest !== undefined ? `test ${percent(traffic.targetTest)}` : '',
                traffic?.targetProduction !== undefined
                    ? `production ${percent(traffic.targetProduction)}`
                    : ''
            ].filter(Boolean);
            const shift = weights.length > 0 ? ` (${weights.join(', ')} on the new revision)` : '';
            return plain(stage ? `${stage}${shift}` : 'starting', MAX_TITLE);
        }
        case 'paused':
            return plain(`awaiting promotion${stage ? ` at ${stage}` : ''}`, MAX_TITLE);
        case 'succeeded':
            return plain(`succeeded${release.finishedAt ? ` in ${took}` : ''}`, MAX_TITLE);
        default: {
            const label = {
                'rolled-back': 'rolled back',
                failed: 'failed',
                'timed-out': 'timed out',
                cancelled: 'cancelled'
            }[release.outcome];
            return plain(release.reason ? `${label}: ${release.reason}` : label, MAX_TITLE);
        }
    }
}
/** The whole check run for a release: state, title, summary, and details with the snapshot. */
function renderCheckRun(release, final, checkName) {
    const state = checkRunState(release, final);
    const summary = new MarkdownBuilder(CHECK_OUTPUT_LIMIT);
    summary.add(phaseLine(release, final));
    addFailure(summary, release, {
        heading: '### What happened',
        maxText: 1000,
        maxDetails: 20,
        elsewhere: ELSEWHERE
    });
    summary.add(promotionBlock(release, 3));
    summary.addTable(overviewTable(release, final));
    addTimeline(summary, release, final, '### Timeline', {
        maxRows: 60,
        keep: 'last',
        elsewhere: ELSEWHERE
    });
    summary.add(footer(release, 'the job summary has the full report'));
    const snapshot = snapshotComment(release);
    const text = new MarkdownBuilder(CHECK_OUTPUT_LIMIT - byteLength(snapshot) - 2);
    addTaskDefinition(text, release, '### Task definition');
    addHooks(text, release, '### Lifecycle hooks', { keep: 'last' });
    const completedAt = [release.finishedAt, release.updatedAt].find(isValidDate);
    const detailsUrl = safeUrl((0,src_release/* runUrl */.Vp)(release.github));
    return {
        name: checkRunName(release, checkName),
        ...state,
        ...(isValidDate(release.startedAt) ? { started_at: release.startedAt.toISOString() } : {}),
        ...(state.status === 'completed' && completedAt
            ? { completed_at: completedAt.toISOString() }
            : {}),
        ...(detailsUrl ? { details_url: detailsUrl } : {}),
        output: {
            title: checkRunTitle(release, final),
            summary: summary.toString(),
            text: [text.toString(), snapshot].filter(part => part !== '').join('\n\n')
        }
    };
}

;// CONCATENATED MODULE: ./src/report/check-runs.ts
/** The newest check run named `name` on commit `sha`, from any earlier run of the action. */
async function findCheckRun(api, repo, sha, name) {
    const runs = await api.paginate(api.rest.checks.listForRef, {
        ...repo,
        ref: sha,
        check_name: name,
        filter: 'all',
        per_page: 100
    });
    const newest = runs.filter(run => run.name === name).sort((a, b) => b.id - a.id)[0];
    return newest && posted(newest);
}
async function createCheckRun(api, repo, sha, payload) {
    const { data } = await api.rest.checks.create({ ...repo, head_sha: sha, ...payload });
    return posted(data);
}
async function updateCheckRun(api, repo, id, payload) {
    const { data } = await api.rest.checks.update({ ...repo, check_run_id: id, ...payload });
    return posted(data);
}
function posted(run) {
    return { id: run.id, status: run.status, text: run.output?.text ?? undefined };
}

;// CONCATENATED MODULE: ./src/report/comment.ts






/** GitHub rejects longer comment bodies with 422. */
const COMMENT_LIMIT = 65536;
const MAX_TIMELINE_ROWS = 40;
const MAX_HOOK_ROWS = 20;
const comment_ELSEWHERE = 'the job summary of the run lists them all';
/**
 * The hidden first line that identifies a release's sticky comment. Cluster and service
 * are reduced to `[A-Za-z0-9_.:/]` plus %-escapes, so no name can end the comment, add
 * a field or match another service's marker.
 */
function commentMarker(release) {
    const { cluster, service } = releaseKey(release);
    return `<!-- ecs-bluegreen-action:release cluster=${markerValue(cluster)} service=${markerValue(service)} -->`;
}
/** The sticky PR comment: where the release stands, and how to promote it when paused. */
function renderComment(release, final) {
    const marker = commentMarker(release);
    const snapshot = snapshotComment(release);
    const doc = new MarkdownBuilder(COMMENT_LIMIT - byteLength(marker) - byteLength(snapshot) - 8);
    doc.add(headline(release, final, 3));
    doc.add(phaseLine(release, final));
    addFailure(doc, release, {
        heading: '**What happened**',
        maxText: 1000,
        maxDetails: 10,
        elsewhere: comment_ELSEWHERE
    });
    doc.add(promotionBlock(release, 4));
    doc.addTable(overviewTable(release, final));
    addTaskDefinition(doc, release, undefined, { maxRows: 20, elsewhere: comment_ELSEWHERE });
    addTimeline(doc, release, final, '#### Timeline', {
        maxRows: MAX_TIMELINE_ROWS,
        keep: 'last',
        elsewhere: comment_ELSEWHERE
    });
    addHooks(doc, release, '#### Lifecycle hooks', {
        maxRows: MAX_HOOK_ROWS,
        keep: 'last',
        elsewhere: comment_ELSEWHERE
    });
    doc.add(footer(release, 'the job summary has the full report'));
    return [marker, doc.toString(), snapshot].filter(part => part !== '').join('\n\n');
}

;// CONCATENATED MODULE: ./src/report/pull-request.ts
/**
 * The pull request a release belongs to. pull_request events name it; for push,
 * workflow_dispatch and the rest, it is an open pull request containing the deployed
 * commit, preferably one whose head is that commit. Closed ones are not commented on.
 */
async function findPullRequest(api, repo, sha, github) {
    if (github.pullRequest)
        return github.pullRequest;
    const pulls = await api.paginate(api.rest.repos.listPullRequestsAssociatedWithCommit, {
        ...repo,
        commit_sha: sha,
        per_page: 100
    });
    const open = pulls.filter(pull => pull.state === 'open');
    const chosen = open.find(pull => pull.head.sha === sha) ?? open[0];
    return chosen && { number: chosen.number, headSha: chosen.head.sha };
}

;// CONCATENATED MODULE: ./src/report/repository.ts

/** `owner/repo` from GITHUB_REPOSITORY; undefined outside a workflow run. */
function repoRef(github) {
    const [owner, repo, ...rest] = github.repository.split('/');
    return owner && repo && rest.length === 0 ? { owner, repo } : undefined;
}
/**
 * The commit a release's check run belongs to: the pull request's head (on pull_request
 * events GITHUB_SHA is a merge commit the PR never shows), else the deployed commit, else
 * the run's commit.
 */
function reportSha(commit, github) {
    if (github.pullRequest && isCommitSha(github.pullRequest.headSha)) {
        return github.pullRequest.headSha;
    }
    if (isCommitSha(commit))
        return commit;
    return isCommitSha(github.sha) ? github.sha : undefined;
}

;// CONCATENATED MODULE: ./src/report/sticky-comment.ts
/**
 * GET /user names the identity of personal access tokens. Installation tokens (GITHUB_TOKEN,
 * GitHub Apps) cannot call it (403); they write as `<app>[bot]` users of type Bot, which no
 * person can be, so for them any Bot author counts.
 */
async function tokenIdentity(api) {
    try {
        const { data } = await api.rest.users.getAuthenticated();
        const login = data.login.toLowerCase();
        return author => author?.login.toLowerCase() === login;
    }
    catch {
        return author => author?.type === 'Bot' && author.login.endsWith('[bot]');
    }
}
/** The oldest comment with `marker` by the token's identity; pages through all comments. */
async function findComment(api, repo, issue, marker, isOurs) {
    const pages = api.paginate.iterator(api.rest.issues.listComments, {
        ...repo,
        issue_number: issue,
        per_page: 100
    });
    for await (const { data } of pages) {
        for (const comment of data) {
            if (comment.body?.includes(marker) && (await isOurs())(comment.user)) {
                return { id: comment.id, body: comment.body };
            }
        }
    }
    return undefined;
}
async function createComment(api, repo, issue, body) {
    const { data } = await api.rest.issues.createComment({ ...repo, issue_number: issue, body });
    return { id: data.id, body: data.body ?? body };
}
async function updateComment(api, repo, id, body) {
    const { data } = await api.rest.issues.updateComment({ ...repo, comment_id: id, body });
    return { id: data.id, body: data.body ?? body };
}

;// CONCATENATED MODULE: ./src/report/channels.ts







class CommentChannel {
    context;
    guard;
    /** null once looked up and not found. */
    pullRequest;
    comment;
    searched = false;
    identity;
    constructor(context) {
        this.context = context;
        this.guard = new ChannelGuard('comment', context.log, context.github.actor);
    }
    /** The body of the comment an earlier run left for this release, if any. */
    async recall(release) {
        return this.guard.run(async () => (await this.existing(release))?.body);
    }
    async publish(release, final) {
        if (!this.guard.enabled)
            return;
        const body = renderComment(release, final);
        if (this.comment?.body === body)
            return;
        await this.guard.run(async () => {
            const existing = await this.existing(release);
            const pullRequest = this.pullRequest;
            if (!pullRequest || existing?.body === body)
                return;
            const { repo } = this.context;
            const api = await this.context.api();
            this.comment = existing
                ? await updateComment(api, repo, existing.id, body)
                : await createComment(api, repo, pullRequest.number, body);
        });
    }
    async existing(release) {
        const { repo, github, log } = this.context;
        const api = await this.context.api();
        if (this.pullRequest === undefined) {
            const sha = reportSha(release.commit, github);
            this.pullRequest = (sha && (await findPullRequest(api, repo, sha, github))) || null;
            if (!this.pullRequest) {
                log.info(`No open pull request has commit ${sha ?? github.sha}: no pull request comment.`);
                this.guard.disable();
            }
        }
        if (this.pullRequest && !this.searched) {
            this.comment = await findComment(api, repo, this.pullRequest.number, commentMarker(release), () => (this.identity ??= tokenIdentity(api)));
            this.searched = true;
        }
        return this.comment;
    }
}
class CheckRunChannel {
    context;
    checkName;
    guard;
    /** The check run this run writes, once chosen. */
    checkRun;
    found;
    searched = false;
    published;
    constructor(context, checkName) {
        this.context = context;
        this.checkName = checkName;
        this.guard = new ChannelGuard('check-run', context.log, context.github.actor);
    }
    /** The details text of the newest check run an earlier run left on the commit, if any. */
    async recall(release) {
        return this.guard.run(async () => (await this.existing(release))?.text);
    }
    async publish(release, final) {
        if (!this.guard.enabled)
            return;
        const payload = renderCheckRun(release, final, this.checkName);
        const key = JSON.stringify(payload);
        if (key === this.published)
            return;
        await this.guard.run(async () => {
            const sha = this.sha(release);
            if (!sha)
                return;
            if (!this.checkRun) {
                // A new deploy starts a new check run unless an earlier one was left unfinished;
                // promote, rollback and status continue the one the deploy created.
                const found = await this.existing(release);
                if (found && (found.status !== 'completed' || release.command !== 'deploy')) {
                    this.checkRun = found;
                }
            }
            const { repo } = this.context;
            const api = await this.context.api();
            this.checkRun = this.checkRun
                ? await updateCheckRun(api, repo, this.checkRun.id, payload)
                : await createCheckRun(api, repo, sha, payload);
            this.published = key;
        });
    }
    sha(release) {
        const sha = reportSha(release.commit, this.context.github);
        if (!sha) {
            this.context.log.info('No full commit SHA to attach a check run to: no check run.');
            this.guard.disable();
        }
        return sha;
    }
    async existing(release) {
        const sha = this.sha(release);
        if (sha && !this.searched) {
            const name = checkRunName(release, this.checkName);
            this.found = await findCheckRun(await this.context.api(), this.context.repo, sha, name);
            this.searched = true;
        }
        return this.found;
    }
}

;// CONCATENATED MODULE: ./src/report/github-client.ts
/** Rate-limit retries before giving up; the reporter then warns once and stops the channel. */
const RATE_LIMIT_RETRIES = 2;
/** Longest rate-limit wait worth taking: a release must not stall for an hour-long reset. */
const MAX_RATE_LIMIT_WAIT_SECONDS = 60;
const DEFAULT_TIMEOUT_MS = 120_000;
/** Client errors that retrying cannot fix; 429 is left to the throttling plugin. */
const DO_NOT_RETRY = [400, 401, 403, 404, 410, 422, 429, 451];
/**
 * An authenticated Octokit with retries (5xx, twice) and rate-limit handling. @actions/github
 * and the plugins are imported here, on first use, so runs that never reach the API (a
 * validation error, `render`, reports switched off) never pay for loading them.
 */
async function createGitHubClient(token, options) {
    const [{ getOctokit }, { retry }, { throttling }] = await Promise.all([
        __nccwpck_require__.e(/* import() */ 502).then(__nccwpck_require__.bind(__nccwpck_require__, 7502)),
        Promise.all(/* import() */[__nccwpck_require__.e(115), __nccwpck_require__.e(743)]).then(__nccwpck_require__.bind(__nccwpck_require__, 2743)),
        Promise.all(/* import() */[__nccwpck_require__.e(115), __nccwpck_require__.e(808)]).then(__nccwpck_require__.bind(__nccwpck_require__, 4808))
    ]);
    const { log } = options;
    const retryAfterBaseValue = options.retryAfterBaseValue ?? 1000;
    const onLimit = (kind) => (retryAfter, request, _octokit, retryCount) => {
        const retrying = retryCount < RATE_LIMIT_RETRIES && retryAfter <= MAX_RATE_LIMIT_WAIT_SECONDS;
        log.debug(`GitHub ${kind} on ${request.method} ${request.url}: ${retrying ? `retrying in ${retryAfter} s` : 'giving up'}.`);
        return retrying;
    };
    const octokit = getOctokit(token, {
        baseUrl: options.baseUrl || 'https://api.github.com',
        userAgent: 'ecs-bluegreen-action',
        log: {
            debug: () => undefined,
            info: () => undefined,
            warn: (message) => log.debug(message),
            error: (message) => log.debug(message)
        },
        retry: { retries: 2, doNotRetry: DO_NOT_RETRY, retryAfterBaseValue },
        throttle: {
            enabled: options.throttle ?? true,
            retryAfterBaseValue,
            onRateLimit: onLimit('rate limit'),
            onSecondaryRateLimit: onLimit('secondary rate limit')
        }
    }, retry, throttling);
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    // Registered after the plugins, so it wraps them: one deadline covers every retry.
    // Hooks share one options object (before-after-hook), so the signal is set on it.
    octokit.hook.wrap('request', (request, options) => {
        options.request = { ...options.request, signal: AbortSignal.timeout(timeoutMs) };
        return request(options);
    });
    return octokit;
}

;// CONCATENATED MODULE: ./src/report/mermaid.ts



/** Gantt charts get unreadable (and slow to render) long before this. */
const MAX_GANTT_TASKS = 60;
/**
 * The lifecycle stages as a Mermaid gantt chart. Task names are reduced to characters
 * Mermaid treats as text and start with their number, so no stage name can read as a
 * keyword (`click`, `section`, …); times are formatted here, never copied.
 */
function timelineGantt(release, final) {
    const stages = release.stages
        .map((record, index) => ({ record, number: index + 1 }))
        .filter(({ record }) => isValidDate(record.startedAt))
        .slice(-MAX_GANTT_TASKS);
    if (stages.length === 0)
        return undefined;
    const view = outcomeView(release, final);
    const failed = view.settled && release.outcome !== 'succeeded' && release.outcome !== 'running';
    const lastEnd = [release.finishedAt, release.updatedAt].find(isValidDate);
    const lines = [
        'gantt',
        '  dateFormat YYYY-MM-DD HH:mm:ss',
        '  axisFormat %H:%M:%S',
        '  section Lifecycle stages'
    ];
    stages.forEach(({ record, number }, index) => {
        const isLast = index === stages.length - 1;
        const tag = record.endedAt
            ? 'done'
            : isLast && failed
                ? 'crit'
                : isLast && !view.settled
                    ? 'active'
                    : 'done';
        const start = record.startedAt.getTime();
        const candidates = [record.endedAt, lastEnd].filter(isValidDate).map(date => date.getTime());
        // Mermaid draws nothing for a zero-length (or negative) task, so give it a second.
        const end = Math.max(start + 1000, candidates[0] ?? start);
        const name = mermaidText(record.stage) || 'stage';
        lines.push(`  ${number} ${name} :${tag}, s${number}, ${ganttTime(start)}, ${ganttTime(end)}`);
    });
    return fencedBlock(lines.join('\n'), 'mermaid');
}
function ganttTime(ms) {
    return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

;// CONCATENATED MODULE: ./src/report/job-summary.ts





/** The runner drops a step summary above 1 MiB (and says so with an error annotation). */
const JOB_SUMMARY_LIMIT = 1024 * 1024;
/** Kept free below the limit, for rounding and anything else the step writes. */
const HEADROOM = 32 * 1024;
/** The full report of a release, written once when the step ends. */
function renderJobSummary(release, final = true) {
    const doc = new MarkdownBuilder(JOB_SUMMARY_LIMIT - HEADROOM);
    doc.add(headline(release, final, 2));
    doc.add(phaseLine(release, final));
    doc.add(linksLine(release));
    addFailure(doc, release, { heading: '### What happened', maxText: 4000, maxDetails: 500 });
    doc.add(promotionBlock(release, 3));
    doc.add('### Release');
    doc.addTable(overviewTable(release, final));
    addTaskDefinition(doc, release, '### Task definition');
    if (release.stages.length === 0)
        doc.add('### Timeline\n\nNo lifecycle stage was seen.');
    addTimeline(doc, release, final, '### Timeline');
    doc.add(timelineGantt(release, final));
    addHooks(doc, release, '### Lifecycle hooks');
    return doc.toString();
}

;// CONCATENATED MODULE: ./src/report/github-reporter.ts






/**
 * Reports a release to the job summary, one sticky PR comment and one check run. Calls are
 * serialised (a cancellation handler may publish while a poll does), and nothing here
 * throws: problems become one warning each and switch the affected channel off.
 */
class GitHubReporter {
    settings;
    log;
    writeSummary;
    tuning;
    comments;
    checks;
    client;
    queue = Promise.resolve();
    /** An interim publish that has not started yet; later interim publishes join it. */
    waiting;
    failures = new Set();
    constructor(settings, log, writeSummary, tuning = {}) {
        this.settings = settings;
        this.log = log;
        this.writeSummary = writeSummary;
        this.tuning = tuning;
        if (!settings.prComment && !settings.checkRun)
            return;
        const repo = repoRef(settings.github);
        const skipped = 'no pull request comment or check run (the job summary is still written)';
        if (!settings.token) {
            log.info(`github-token is empty: ${skipped}.`);
        }
        else if (!repo) {
            log.info(`GITHUB_REPOSITORY is not owner/repo: ${skipped}.`);
        }
        else {
            const context = { api: () => this.api(), repo, github: settings.github, log };
            if (settings.prComment)
                this.comments = new CommentChannel(context);
            if (settings.checkRun)
                this.checks = new CheckRunChannel(context, settings.checkName);
        }
    }
    recall(release) {
        return this.serialise('recall the earlier report', async () => {
            const texts = [await this.checks?.recall(release), await this.comments?.recall(release)];
            const found = texts.flatMap(text => readSnapshot(text, release) ?? []);
            // Both copies are written together; if one missed an update, the longer timeline wins.
            const size = (snapshot) => snapshot.stages.length + snapshot.hooks.length;
            return found.sort((a, b) => size(b) - size(a))[0];
        });
    }
    /**
     * Interim publishes coalesce: while one waits for its turn, later calls join it, and it
     * renders the release as it stands when its turn comes. GitHub asks integrations to
     * space writes a second apart, so callers should not wait for interim publishes.
     */
    publish(release, final) {
        if (!final && this.waiting)
            return this.waiting;
        const published = this.serialise('report the release', async () => {
            if (!final)
                this.waiting = undefined;
            await this.comments?.publish(release, final);
            await this.checks?.publish(release, final);
            if (final && this.settings.jobSummary) {
                await this.guarded('write the job summary', () => this.writeSummary(renderJobSummary(release, final)));
            }
        }).then(() => undefined);
        if (!final)
            this.waiting = published;
        return published;
    }
    api() {
        this.client ??= createGitHubClient(this.settings.token, {
            ...this.tuning,
            baseUrl: this.settings.apiUrl,
            log: this.log
        });
        return this.client;
    }
    /** Runs `work` after earlier calls have finished. */
    serialise(what, work) {
        const run = this.queue.then(() => this.guarded(what, work));
        this.queue = run;
        return run;
    }
    /** An unexpected error becomes one warning per kind of work, never a throw. */
    async guarded(what, work) {
        try {
            return await work();
        }
        catch (error) {
            if (!this.failures.has(what)) {
                this.failures.add(what);
                const message = error instanceof Error ? error.message : String(error);
                this.log.warning(`Could not ${what}: ${plain(message, 500)}`);
            }
            return undefined;
        }
    }
}

;// CONCATENATED MODULE: ./src/report/reporter.ts
/** For `render` and for runs with every report switched off. */
const silentReporter = {
    recall: async () => undefined,
    publish: async () => undefined
};

// EXTERNAL MODULE: ./src/workflow-commands.ts
var workflow_commands = __nccwpck_require__(1999);
;// CONCATENATED MODULE: ./src/main.ts
















const commands = { deploy: deploy, promote: promote, rollback: rollback, status: status_status, render: render };
const actionsLog = {
    info: message => workflow_commands/* info */.pq(message),
    warning: message => workflow_commands/* warning */.$e(message),
    error: message => workflow_commands/* error */.z3(message),
    debug: message => workflow_commands/* debug */.Yz(message),
    startGroup: title => workflow_commands/* startGroup */.Oh(title),
    endGroup: () => workflow_commands/* endGroup */.N4()
};
/** The main step: validate every input, run the command, fail the step when the release failed. */
async function run() {
    let inputs;
    try {
        inputs = (0,src_inputs/* getInputs */.GP)(name => workflow_commands/* getInput */.V4(name));
    }
    catch (error) {
        workflow_commands/* setFailed */.C1(messageOf(error));
        return;
    }
    const abort = new AbortController();
    const ctx = createContext(inputs, abort.signal);
    const release = (0,src_release/* newRelease */.Gj)({
        command: inputs.command,
        cluster: inputs.cluster,
        service: inputs.service,
        github: ctx.github
    }, ctx.clock.now());
    let cancelling;
    const onSignal = (signal) => {
        cancelling ??= (0,cancel/* cancelRelease */.y)(ctx, release, abort, signal).catch(error => workflow_commands/* warning */.$e(`Could not roll back on cancel: ${messageOf(error)}`));
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    try {
        await commands[inputs.command](ctx, release);
    }
    catch (error) {
        release.outcome = 'failed';
        release.reason = messageOf(error);
        if (inputs.command !== 'status')
            await ctx.reporter.publish(release, true);
    }
    finally {
        await cancelling;
    }
    if (isFailure(release))
        workflow_commands/* setFailed */.C1(release.reason ?? `The release ended ${release.outcome}.`);
}
/** The production ports: the job log, the runner's clock, step outputs and state, ECS on first use. */
function createContext(inputs, signal) {
    let ecs;
    const github = readGitHubRun();
    return {
        inputs,
        connectEcs: async () => (ecs ??= (await Promise.all(/* import() */[__nccwpck_require__.e(780), __nccwpck_require__.e(963)]).then(__nccwpck_require__.bind(__nccwpck_require__, 9963))).connectEcs(process.env, {
            onRetry: message => workflow_commands/* warning */.$e(`ECS: ${message}`)
        })),
        log: actionsLog,
        clock: clock/* systemClock */.m,
        outputs: (0,outputs/* changedOnly */.R)((name, value) => workflow_commands/* setOutput */.uH(name, value)),
        reporter: createReporter(inputs, github),
        github,
        workspace: process.env.GITHUB_WORKSPACE || process.cwd(),
        tempDir: process.env.RUNNER_TEMP || (0,external_node_os_.tmpdir)(),
        signal,
        saveState: (name, value) => workflow_commands/* saveState */.LZ(name, value)
    };
}
/**
 * The job summary, the pull request comment and the check run. `render` reports
 * nothing: it releases nothing. Without a summary file (a local run) the summary is skipped.
 */
function createReporter(inputs, github) {
    if (inputs.command === 'render')
        return silentReporter;
    const settings = {
        token: inputs.githubToken,
        prComment: inputs.prComment,
        checkRun: inputs.checkRun,
        checkName: inputs.checkName,
        jobSummary: inputs.jobSummary,
        github,
        apiUrl: process.env.GITHUB_API_URL
    };
    return new GitHubReporter(settings, actionsLog, async (markdown) => {
        if (process.env.GITHUB_STEP_SUMMARY)
            await workflow_commands/* writeJobSummary */.j7(markdown);
    });
}
function messageOf(error) {
    return error instanceof Error ? error.message : String(error);
}


/***/ }),

/***/ 8891:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   R: () => (/* binding */ changedOnly),
/* harmony export */   u: () => (/* binding */ setDeploymentOutputs)
/* harmony export */ });
/**
 * Writes an output only when its value changes: the runner appends every write to
 * GITHUB_OUTPUT, and polls must not grow that file.
 */
function changedOnly(write) {
    const written = new Map();
    return {
        set(name, value) {
            if (written.get(name) === value)
                return;
            written.set(name, value);
            write(name, value);
        }
    };
}
/** The outputs that follow the deployment as it moves. */
function setDeploymentOutputs(outputs, release) {
    if (release.deploymentArn)
        outputs.set('service-deployment-arn', release.deploymentArn);
    if (release.status)
        outputs.set('status', release.status);
    if (release.stage)
        outputs.set('lifecycle-stage', release.stage);
    outputs.set('hook-id', release.hooks.find(hook => hook.status === 'AWAITING_ACTION')?.hookId ?? '');
}


/***/ }),

/***/ 1323:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   b: () => (/* binding */ post)
/* harmony export */ });
/* harmony import */ var _cancel_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(2747);
/* harmony import */ var _diagnose_service_events_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(5599);
/* harmony import */ var _commands_follow_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(8039);
/* harmony import */ var _inputs_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(5396);
/* harmony import */ var _main_js__WEBPACK_IMPORTED_MODULE_4__ = __nccwpck_require__(2082);
/* harmony import */ var _release_js__WEBPACK_IMPORTED_MODULE_6__ = __nccwpck_require__(1420);
/* harmony import */ var _workflow_commands_js__WEBPACK_IMPORTED_MODULE_5__ = __nccwpck_require__(1999);







/** How long the post step waits for a rollback that cancellation started (the runner allows 5 minutes). */
const POST_WAIT_MS = 4 * 60_000;
/**
 * The post step. It has work only after a cancelled main step: it follows the rollback
 * that rollback-on-cancel requested (or says where the deployment stands) and reports
 * it. It never fails the job.
 */
async function post() {
    const arn = _workflow_commands_js__WEBPACK_IMPORTED_MODULE_5__/* .getState */ .Gu(_cancel_js__WEBPACK_IMPORTED_MODULE_0__/* .STATE */ .c.deploymentArn);
    if (_workflow_commands_js__WEBPACK_IMPORTED_MODULE_5__/* .getState */ .Gu(_cancel_js__WEBPACK_IMPORTED_MODULE_0__/* .STATE */ .c.cancelled) !== 'true' || !arn)
        return;
    try {
        const inputs = (0,_inputs_js__WEBPACK_IMPORTED_MODULE_3__/* .getInputs */ .GP)(name => _workflow_commands_js__WEBPACK_IMPORTED_MODULE_5__/* .getInput */ .V4(name));
        const ctx = (0,_main_js__WEBPACK_IMPORTED_MODULE_4__/* .createContext */ .q6)(inputs, new AbortController().signal);
        const release = (0,_release_js__WEBPACK_IMPORTED_MODULE_6__/* .newRelease */ .Gj)({
            command: inputs.command,
            cluster: inputs.cluster,
            service: inputs.service,
            github: ctx.github,
            deploymentArn: arn
        }, ctx.clock.now());
        const ecs = await ctx.connectEcs();
        release.region = ecs.region;
        const rollbackRequested = _workflow_commands_js__WEBPACK_IMPORTED_MODULE_5__/* .getState */ .Gu(_cancel_js__WEBPACK_IMPORTED_MODULE_0__/* .STATE */ .c.cancelRollback) !== '';
        const result = await (0,_commands_follow_js__WEBPACK_IMPORTED_MODULE_2__/* .followDeployment */ .p)(ctx, ecs, release, {
            until: rollbackRequested ? { kind: 'complete' } : { kind: 'none' },
            timeoutMs: POST_WAIT_MS,
            events: new _diagnose_service_events_js__WEBPACK_IMPORTED_MODULE_1__/* .ServiceEventStream */ .W(ecs, release.cluster, release.service, release.startedAt)
        });
        const where = `stage ${release.stage ?? 'none'}, status ${release.status ?? 'unknown'}`;
        if (!rollbackRequested) {
            _workflow_commands_js__WEBPACK_IMPORTED_MODULE_5__/* .warning */ .$e(`The job was cancelled; deployment ${arn} carries on in ECS (${where}).`);
        }
        else if (release.status === 'ROLLBACK_SUCCESSFUL') {
            _workflow_commands_js__WEBPACK_IMPORTED_MODULE_5__/* .info */ .pq(`The job was cancelled and ECS rolled deployment ${arn} back.`);
        }
        else {
            _workflow_commands_js__WEBPACK_IMPORTED_MODULE_5__/* .warning */ .$e(`The job was cancelled and a rollback was requested; deployment ${arn} is at ${where} (${result.kind}).`);
        }
        release.outcome = 'cancelled';
        release.reason = `The job was cancelled${rollbackRequested ? ' and a rollback requested' : ''} (${where}).`;
        await ctx.reporter.publish(release, true);
    }
    catch (error) {
        _workflow_commands_js__WEBPACK_IMPORTED_MODULE_5__/* .warning */ .$e(`Post step: ${(0,_main_js__WEBPACK_IMPORTED_MODULE_4__/* .messageOf */ .bD)(error)}`);
    }
}


/***/ }),

/***/ 1420:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   B9: () => (/* binding */ consoleUrl),
/* harmony export */   Gj: () => (/* binding */ newRelease),
/* harmony export */   Vp: () => (/* binding */ runUrl),
/* harmony export */   ob: () => (/* binding */ awaitingHook)
/* harmony export */ });
function runUrl(run) {
    const attempt = run.runAttempt && run.runAttempt !== '1' ? `/attempts/${run.runAttempt}` : '';
    return `${run.serverUrl}/${run.repository}/actions/runs/${run.runId}${attempt}`;
}
function newRelease(fields, now) {
    return {
        stages: [],
        hooks: [],
        details: [],
        outcome: 'running',
        startedAt: now,
        updatedAt: now,
        ...fields
    };
}
/** The pause hook a person must act on, if the deployment is waiting for one. */
function awaitingHook(release) {
    return release.hooks.find(hook => hook.status === 'AWAITING_ACTION');
}
/** Link to the service deployment in the ECS console. */
function consoleUrl(release) {
    if (!release.region || !release.deploymentArn)
        return undefined;
    const id = release.deploymentArn.split('/').pop();
    const region = encodeURIComponent(release.region);
    const base = `https://${region}.console.aws.amazon.com/ecs/v2/clusters/${encodeURIComponent(release.cluster)}/services/${encodeURIComponent(release.service)}`;
    return `${base}/deployments/${encodeURIComponent(id ?? '')}?region=${region}`;
}


/***/ }),

/***/ 118:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   TQ: () => (/* binding */ isTerminalStatus),
/* harmony export */   j_: () => (/* binding */ hasReachedStage),
/* harmony export */   sR: () => (/* binding */ isOngoingStatus),
/* harmony export */   tJ: () => (/* binding */ LIFECYCLE_STAGES),
/* harmony export */   uw: () => (/* binding */ HOOK_STAGES),
/* harmony export */   x_: () => (/* binding */ PAUSE_STAGES)
/* harmony export */ });
/* unused harmony exports TERMINAL_STATUSES, stageIndex */
/**
 * Lifecycle stages and deployment statuses of ECS-native blue/green deployments.
 * ECS adds values over time, so these lists order and classify the values we know
 * while every function here accepts any string.
 */
/** Stages in the order a deployment passes them (PRE_PRODUCTION_TRAFFIC_SHIFT is a hook stage ECS may not report). */
const LIFECYCLE_STAGES = [
    'RECONCILE_SERVICE',
    'PRE_SCALE_UP',
    'SCALE_UP',
    'POST_SCALE_UP',
    'TEST_TRAFFIC_SHIFT',
    'POST_TEST_TRAFFIC_SHIFT',
    'PRE_PRODUCTION_TRAFFIC_SHIFT',
    'PRODUCTION_TRAFFIC_SHIFT',
    'POST_PRODUCTION_TRAFFIC_SHIFT',
    'BAKE_TIME',
    'CLEAN_UP'
];
/** Stages where a lifecycle hook can run (DeploymentLifecycleHookStage). */
const HOOK_STAGES = [
    'RECONCILE_SERVICE',
    'PRE_SCALE_UP',
    'POST_SCALE_UP',
    'TEST_TRAFFIC_SHIFT',
    'POST_TEST_TRAFFIC_SHIFT',
    'PRE_PRODUCTION_TRAFFIC_SHIFT',
    'PRODUCTION_TRAFFIC_SHIFT',
    'POST_PRODUCTION_TRAFFIC_SHIFT'
];
/** ECS runs only Lambda hooks while traffic moves, so a pause cannot sit there. */
const PAUSE_STAGES = HOOK_STAGES.filter(stage => stage !== 'TEST_TRAFFIC_SHIFT' && stage !== 'PRODUCTION_TRAFFIC_SHIFT');
const TERMINAL_STATUSES = [
    'SUCCESSFUL',
    'STOPPED',
    'ROLLBACK_SUCCESSFUL',
    'ROLLBACK_FAILED'
];
/** Position of a stage in the lifecycle, or undefined for a stage this version does not know. */
function stageIndex(stage) {
    const index = LIFECYCLE_STAGES.indexOf(stage ?? '');
    return index === -1 ? undefined : index;
}
/** True once `current` is `target` or a stage after it. */
function hasReachedStage(current, target) {
    if (current === target)
        return true;
    const currentIndex = stageIndex(current);
    const targetIndex = stageIndex(target);
    return currentIndex !== undefined && targetIndex !== undefined && currentIndex >= targetIndex;
}
function isTerminalStatus(status) {
    return TERMINAL_STATUSES.includes(status ?? '');
}
/** PENDING or one of the ongoing statuses: the deployment can still be continued or stopped. */
function isOngoingStatus(status) {
    return status !== undefined && !isTerminalStatus(status);
}


/***/ }),

/***/ 2704:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Qd: () => (/* binding */ isPlainObject),
/* harmony export */   SQ: () => (/* binding */ parseStructuredText),
/* harmony export */   kP: () => (/* binding */ checkDepth)
/* harmony export */ });
/* unused harmony export MAX_DEPTH */
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3439);

/** Deeper than any task definition or hook needs; deep enough to refuse nesting bombs early. */
const MAX_DEPTH = 32;
/**
 * Parses JSON or YAML text (YAML is a superset of JSON) into plain data.
 * Aliases are capped so a "billion laughs" document cannot expand, and nesting beyond
 * MAX_DEPTH is refused so nothing downstream recurses without bound.
 */
function parseStructuredText(text) {
    let value;
    try {
        value = (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .parse */ .qg)(text, { maxAliasCount: 50, uniqueKeys: true });
    }
    catch (error) {
        // yaml reports its own stack overflow as a YAMLParseError with code RESOURCE_EXHAUSTION.
        if (error instanceof RangeError || error.code === 'RESOURCE_EXHAUSTION')
            throw new Error('it is nested too deeply.', { cause: error });
        const message = error instanceof Error ? error.message : String(error);
        throw new Error(`it is neither valid JSON nor valid YAML: ${message.split('\n')[0]}`, {
            cause: error
        });
    }
    checkDepth(value);
    return value;
}
/** Throws when `value` nests objects or lists more than `max` levels deep. */
function checkDepth(value, max = MAX_DEPTH) {
    const pending = [[value, 0]];
    for (let item = pending.pop(); item; item = pending.pop()) {
        const [node, depth] = item;
        if (typeof node !== 'object' || node === null)
            continue;
        if (depth >= max)
            throw new Error(`it is nested more than ${max} levels deep.`);
        for (const child of Object.values(node))
            pending.push([child, depth + 1]);
    }
}
function isPlainObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}


/***/ }),

/***/ 5973:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Cm: () => (/* binding */ TimelineLog),
/* harmony export */   jT: () => (/* binding */ formatHook),
/* harmony export */   zM: () => (/* binding */ formatTraffic)
/* harmony export */ });
/* harmony import */ var _log_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(1107);

/**
 * Writes timeline events as the job log of a release: one collapsible group per
 * lifecycle stage, titled with the time, the time since the release started and the
 * traffic split, holding that stage's hooks, traffic steps and status changes.
 */
class TimelineLog {
    log;
    startedAt;
    groupOpen = false;
    constructor(log, startedAt) {
        this.log = log;
        this.startedAt = startedAt;
    }
    write(events, now) {
        for (const event of events) {
            const stamp = `${(0,_log_js__WEBPACK_IMPORTED_MODULE_0__/* .formatTime */ .f)(now)} ${(0,_log_js__WEBPACK_IMPORTED_MODULE_0__/* .formatElapsed */ .C)(now.getTime() - this.startedAt.getTime())}`;
            switch (event.kind) {
                case 'stage':
                    this.close();
                    this.log.startGroup(`${stamp}  ${event.stage}${suffix(formatTraffic(event.traffic))}`);
                    this.groupOpen = true;
                    break;
                case 'traffic':
                    this.log.info(`${stamp}  traffic moved: ${formatTraffic(event.traffic)}`);
                    break;
                case 'hook':
                    this.log.info(`${stamp}  ${formatHook(event.hook)}`);
                    break;
                case 'status':
                    this.log.info(`${stamp}  status ${event.from ? `${event.from} → ` : ''}${event.to}${event.reason ? `: ${event.reason}` : ''}`);
            }
        }
    }
    /** Service events (task starts, failures, steady state), at the time ECS recorded them. */
    serviceEvents(events) {
        for (const event of events) {
            const at = event.createdAt ?? this.startedAt;
            this.log.info(`${(0,_log_js__WEBPACK_IMPORTED_MODULE_0__/* .formatTime */ .f)(at)} ${(0,_log_js__WEBPACK_IMPORTED_MODULE_0__/* .formatElapsed */ .C)(at.getTime() - this.startedAt.getTime())}  event: ${event.message ?? ''}`);
        }
    }
    /** Ends the open stage group, so what follows stands outside the timeline. */
    close() {
        if (this.groupOpen)
            this.log.endGroup();
        this.groupOpen = false;
    }
}
function suffix(text) {
    return text ? `  (${text})` : '';
}
/** `test traffic 100% → new · production 10% → new · new tasks 2/2` */
function formatTraffic(traffic) {
    if (!traffic)
        return '';
    const parts = [];
    if (traffic.targetTest !== undefined)
        parts.push(`test traffic ${traffic.targetTest}% → new`);
    if (traffic.targetProduction !== undefined)
        parts.push(`production ${traffic.targetProduction}% → new`);
    if (traffic.targetRequested !== undefined)
        parts.push(`new tasks ${traffic.targetRunning ?? 0}/${traffic.targetRequested}`);
    return parts.join(' · ');
}
/** `hook PAUSE ecs-pause-abc at POST_TEST_TRAFFIC_SHIFT: AWAITING_ACTION (expires …, then ROLLBACK)` */
function formatHook(hook) {
    const target = hook.targetArn ?? hook.hookId ?? 'unnamed';
    const at = hook.stage ? ` at ${hook.stage}` : '';
    const expiry = hook.status === 'AWAITING_ACTION' || hook.status === 'IN_PROGRESS'
        ? [
            hook.expiresAt && `expires ${hook.expiresAt.toISOString()}`,
            hook.timeoutAction && `then ${hook.timeoutAction}`
        ]
            .filter(Boolean)
            .join(', ')
        : '';
    return `hook ${hook.targetType ?? 'AWS_LAMBDA'} ${target}${at}: ${hook.status ?? 'unknown'}${expiry ? ` (${expiry})` : ''}`;
}


/***/ }),

/***/ 2686:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   d: () => (/* binding */ recordDeployment),
/* harmony export */   t: () => (/* binding */ trafficOf)
/* harmony export */ });
/* harmony import */ var _stages_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(118);

/**
 * Folds one DescribeServiceDeployments answer into the release and says what changed.
 * Stage and status strings are kept as ECS sends them: values this version does not
 * know are recorded and shown like any other.
 */
function recordDeployment(release, deployment, now) {
    const events = [];
    const traffic = trafficOf(deployment);
    release.deploymentArn ??= deployment.serviceDeploymentArn;
    release.updatedAt = now;
    const stage = deployment.lifecycleStage;
    const current = release.stages.at(-1);
    if (stage && stage !== release.stage) {
        if (current && !current.endedAt)
            current.endedAt = now;
        release.stages.push({ stage, startedAt: now, traffic });
        release.stage = stage;
        events.push({ kind: 'stage', stage, traffic });
    }
    else if (stage && current) {
        const moved = weightsMoved(current.traffic, traffic);
        if (moved === 'production') {
            current.endedAt = now;
            release.stages.push({ stage, startedAt: now, traffic });
        }
        else {
            current.traffic = traffic;
        }
        if (moved)
            events.push({ kind: 'traffic', stage, traffic });
    }
    if (deployment.status && deployment.status !== release.status) {
        events.push({
            kind: 'status',
            from: release.status,
            to: deployment.status,
            reason: deployment.statusReason
        });
        release.status = deployment.status;
    }
    release.statusReason = deployment.statusReason ?? release.statusReason;
    for (const detail of deployment.lifecycleHookDetails ?? [])
        events.push(...recordHook(release, detail, now));
    if ((0,_stages_js__WEBPACK_IMPORTED_MODULE_0__/* .isTerminalStatus */ .TQ)(deployment.status)) {
        const last = release.stages.at(-1);
        // ECS's finish time can precede the poll that first saw the stage.
        if (last && !last.endedAt)
            last.endedAt = new Date(Math.max(last.startedAt.getTime(), (deployment.finishedAt ?? now).getTime()));
    }
    return events;
}
const FINISHED_HOOK_STATUSES = ['SUCCEEDED', 'FAILED', 'TIMED_OUT'];
function recordHook(release, detail, now) {
    const key = hookKey(detail, release.stage);
    const known = release.hooks.find(hook => hookKey(hook, hook.stage) === key);
    if (!known) {
        const hook = {
            hookId: detail.hookId,
            targetType: detail.targetType,
            targetArn: detail.targetArn,
            stage: release.stage,
            status: detail.status,
            expiresAt: detail.expiresAt,
            timeoutAction: detail.timeoutAction,
            firstSeenAt: now,
            updatedAt: now
        };
        release.hooks.push(hook);
        return [{ kind: 'hook', hook }];
    }
    // A finished hook never runs again; an answer saying otherwise is a stale read (a
    // pause just continued can show AWAITING_ACTION for another poll or two).
    if (detail.status === known.status || FINISHED_HOOK_STATUSES.includes(known.status ?? ''))
        return [];
    const previousStatus = known.status;
    Object.assign(known, {
        status: detail.status,
        expiresAt: detail.expiresAt ?? known.expiresAt,
        updatedAt: now
    });
    return [{ kind: 'hook', hook: known, previousStatus }];
}
/** ECS gives every hook run an id; the fallback covers answers without one. */
function hookKey(hook, stage) {
    return hook.hookId ?? `${hook.targetType}:${hook.targetArn}:${stage}`;
}
/** Which weight of the new revision moved; a production move is a step of its own in the timeline. */
function weightsMoved(before, after) {
    const moved = (a, b) => a !== undefined && b !== undefined && a !== b;
    if (moved(before?.targetProduction, after.targetProduction))
        return 'production';
    if (moved(before?.targetTest, after.targetTest))
        return 'test';
    return undefined;
}
/** Traffic weights and task counts of the new revision, and the summed weights of the old ones. */
function trafficOf(deployment) {
    const target = deployment.targetServiceRevision ?? {};
    const sources = deployment.sourceServiceRevisions ?? [];
    const sum = (pick) => sources.some(revision => pick(revision) !== undefined)
        ? sources.reduce((total, revision) => total + (pick(revision) ?? 0), 0)
        : undefined;
    return {
        targetTest: target.requestedTestTrafficWeight,
        targetProduction: target.requestedProductionTrafficWeight,
        sourceTest: sum(revision => revision.requestedTestTrafficWeight),
        sourceProduction: sum(revision => revision.requestedProductionTrafficWeight),
        targetRunning: target.runningTaskCount,
        targetRequested: target.requestedTaskCount
    };
}


/***/ }),

/***/ 3086:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Jh: () => (/* binding */ watchDeployment),
/* harmony export */   SO: () => (/* binding */ awaitingPauseHook)
/* harmony export */ });
/* unused harmony export DEFAULT_ERROR_BUDGET */
/* harmony import */ var _ecs_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(1360);
/* harmony import */ var _stages_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(118);


/** Failed polls in a row before the wait gives up: with 10 s polls, well over a minute of ECS not answering. */
const DEFAULT_ERROR_BUDGET = 10;
/**
 * Polls the deployment every poll interval until it finishes, reaches the wait target,
 * the timeout passes or the signal aborts. Throttling, server errors and dropped
 * connections are tolerated up to the error budget; other errors (access denied, a
 * deployment ECS no longer knows) end the wait by throwing.
 */
async function watchDeployment(request) {
    const { clock, signal } = request;
    const budget = request.errorBudget ?? DEFAULT_ERROR_BUDGET;
    const deadline = clock.now().getTime() + request.timeoutMs;
    let latest;
    let failures = 0;
    let next = request.first;
    for (;;) {
        const polledAt = clock.now().getTime();
        if (next === undefined) {
            try {
                next = await request.describe(request.arn);
                if (next === undefined)
                    throw new MissingDeploymentError(request.arn);
                failures = 0;
            }
            catch (error) {
                if (!(0,_ecs_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .isTransientError */ .bV)(error) && !(error instanceof MissingDeploymentError))
                    throw error;
                failures += 1;
                const message = (0,_ecs_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .describeAwsError */ .Pp)(error);
                if (failures > budget)
                    return { kind: 'unreachable', deployment: latest, error: message };
                request.onPollError(`Could not read the deployment (${failures}/${budget}): ${message}`);
            }
        }
        if (next) {
            latest = next;
            next = undefined;
            await request.onSnapshot(latest);
            if ((0,_stages_js__WEBPACK_IMPORTED_MODULE_1__/* .isTerminalStatus */ .TQ)(latest.status))
                return { kind: 'finished', deployment: latest };
            if (hasReachedTarget(latest, request.until, request.ignoreHookIds ?? [])) {
                return { kind: 'reached', deployment: latest };
            }
        }
        if (signal?.aborted)
            return { kind: 'cancelled', deployment: latest };
        const now = clock.now().getTime();
        if (now >= deadline)
            return { kind: 'timeout', deployment: latest };
        await clock.sleep(Math.min(Math.max(polledAt + request.pollIntervalMs - now, 0), deadline - now), signal);
        if (signal?.aborted)
            return { kind: 'cancelled', deployment: latest };
    }
}
class MissingDeploymentError extends Error {
    constructor(arn) {
        super(`ECS did not return deployment ${arn}`);
        this.name = 'MissingDeploymentError';
    }
}
/** The pause hook that holds the deployment, other than those already acted on. */
function awaitingPauseHook(deployment, ignoreHookIds = []) {
    return deployment.lifecycleHookDetails?.find(hook => hook.status === 'AWAITING_ACTION' &&
        (hook.targetType ?? 'PAUSE') === 'PAUSE' &&
        !ignoreHookIds.includes(hook.hookId ?? ''))?.hookId;
}
function hasReachedTarget(deployment, until, ignoreHookIds) {
    switch (until.kind) {
        case 'none':
            return true;
        case 'complete':
            return false;
        case 'paused':
            return awaitingPauseHook(deployment, ignoreHookIds) !== undefined;
        case 'stage':
            return (deployment.status === 'IN_PROGRESS' &&
                (0,_stages_js__WEBPACK_IMPORTED_MODULE_1__/* .hasReachedStage */ .j_)(deployment.lifecycleStage, until.stage));
    }
}


/***/ }),

/***/ 1999:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   $e: () => (/* binding */ warning),
/* harmony export */   C1: () => (/* binding */ setFailed),
/* harmony export */   Gu: () => (/* binding */ getState),
/* harmony export */   LZ: () => (/* binding */ saveState),
/* harmony export */   N4: () => (/* binding */ endGroup),
/* harmony export */   Oh: () => (/* binding */ startGroup),
/* harmony export */   V4: () => (/* binding */ getInput),
/* harmony export */   Yz: () => (/* binding */ debug),
/* harmony export */   j7: () => (/* binding */ writeJobSummary),
/* harmony export */   pq: () => (/* binding */ info),
/* harmony export */   uH: () => (/* binding */ setOutput),
/* harmony export */   z3: () => (/* binding */ error)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__nccwpck_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__nccwpck_require__.n(node_os__WEBPACK_IMPORTED_MODULE_3__);




/**
 * The runner's side of the action: inputs, state, outputs, log commands and the job
 * summary, written exactly as @actions/core 3.0.1 writes them (its core.js, command.js,
 * file-command.js and summary.js) for the calls this action makes, with string values.
 *
 * Why not @actions/core itself: its entry module imports its OIDC client, which imports
 * @actions/http-client and undici (about 1 MB of bundled code and Node's http, tls and
 * zlib) at load time. Every run paid for that before reading its first input, so a run
 * that fails validation took twice as long as `node -e 0`, and runs that do not report
 * to GitHub carried undici for nothing. The action never asks for an OIDC token.
 * __tests__/workflow-commands.test.ts holds the two side by side.
 */
/** core.getInput: the runner's INPUT_<NAME> variable (spaces as _, upper case), trimmed. */
function getInput(name) {
    return (process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] || '').trim();
}
/** core.getState: a value the main step saved, as the runner passes it to the post step. */
function getState(name) {
    return process.env[`STATE_${name}`] || '';
}
/** core.saveState: appended to GITHUB_STATE, or the save-state command without it. */
function saveState(name, value) {
    if (process.env.GITHUB_STATE)
        fileCommand('STATE', keyValueMessage(name, value));
    else
        issueCommand('save-state', { name }, value);
}
/** core.setOutput: appended to GITHUB_OUTPUT, or the set-output command without it. */
function setOutput(name, value) {
    if (process.env.GITHUB_OUTPUT) {
        fileCommand('OUTPUT', keyValueMessage(name, value));
        return;
    }
    process.stdout.write(node_os__WEBPACK_IMPORTED_MODULE_3__.EOL);
    issueCommand('set-output', { name }, value);
}
/** core.setFailed: the step fails (exit code 1) with an error annotation. */
function setFailed(message) {
    process.exitCode = 1;
    error(message);
}
function info(message) {
    process.stdout.write(message + node_os__WEBPACK_IMPORTED_MODULE_3__.EOL);
}
function debug(message) {
    issueCommand('debug', {}, message);
}
function warning(message) {
    issueCommand('warning', {}, message);
}
function error(message) {
    issueCommand('error', {}, message);
}
function startGroup(title) {
    issueCommand('group', {}, title);
}
function endGroup() {
    issueCommand('endgroup', {}, '');
}
/**
 * core.summary.addRaw(markdown).write({ overwrite: true }): replaces the job summary,
 * with @actions/core's errors when the file is not set or not writable.
 */
async function writeJobSummary(markdown) {
    const path = process.env.GITHUB_STEP_SUMMARY;
    if (!path) {
        throw new Error('Unable to find environment variable for $GITHUB_STEP_SUMMARY. Check if your runtime environment supports job summaries.');
    }
    try {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.access)(path, node_fs__WEBPACK_IMPORTED_MODULE_1__.constants.R_OK | node_fs__WEBPACK_IMPORTED_MODULE_1__.constants.W_OK);
    }
    catch {
        throw new Error(`Unable to access summary file: '${path}'. Check if the file has correct read/write permissions.`);
    }
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.writeFile)(path, markdown, { encoding: 'utf8' });
}
/** `::name key=value,…::message`, with the runner's escapes (command.js). */
function issueCommand(command, properties, message) {
    const pairs = Object.entries(properties)
        .filter(([, value]) => value)
        .map(([key, value]) => `${key}=${escapeProperty(value)}`);
    // As command.js: the space follows the name whenever properties are given, even all empty.
    const head = Object.keys(properties).length > 0 ? `${command} ${pairs.join(',')}` : command;
    process.stdout.write(`::${head}::${escapeData(message)}${node_os__WEBPACK_IMPORTED_MODULE_3__.EOL}`);
}
function escapeData(value) {
    return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function escapeProperty(value) {
    return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
/** Appends one entry to the GITHUB_<command> file (file-command.js). */
function fileCommand(command, message) {
    const path = process.env[`GITHUB_${command}`];
    if (!path)
        throw new Error(`Unable to find environment variable for file command ${command}`);
    if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_1__.existsSync)(path))
        throw new Error(`Missing file at path: ${path}`);
    (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.appendFileSync)(path, `${message}${node_os__WEBPACK_IMPORTED_MODULE_3__.EOL}`, { encoding: 'utf8' });
}
/** `name<<delimiter` heredoc with a random delimiter the value cannot contain (file-command.js). */
function keyValueMessage(name, value) {
    const delimiter = `ghadelimiter_${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomUUID)()}`;
    if (name.includes(delimiter)) {
        throw new Error(`Unexpected input: name should not contain the delimiter "${delimiter}"`);
    }
    if (value.includes(delimiter)) {
        throw new Error(`Unexpected input: value should not contain the delimiter "${delimiter}"`);
    }
    return `${name}<<${delimiter}${node_os__WEBPACK_IMPORTED_MODULE_3__.EOL}${value}${node_os__WEBPACK_IMPORTED_MODULE_3__.EOL}${delimiter}`;
}


/***/ }),

/***/ 2613:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("assert");

/***/ }),

/***/ 181:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("buffer");

/***/ }),

/***/ 4434:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("events");

/***/ }),

/***/ 9896:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs");

/***/ }),

/***/ 8611:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("http");

/***/ }),

/***/ 5692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("https");

/***/ }),

/***/ 9278:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("net");

/***/ }),

/***/ 4589:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:assert");

/***/ }),

/***/ 6698:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:async_hooks");

/***/ }),

/***/ 4573:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:buffer");

/***/ }),

/***/ 1421:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");

/***/ }),

/***/ 7540:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:console");

/***/ }),

/***/ 7598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 3053:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:diagnostics_channel");

/***/ }),

/***/ 610:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:dns");

/***/ }),

/***/ 8474:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:events");

/***/ }),

/***/ 3024:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");

/***/ }),

/***/ 1455:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");

/***/ }),

/***/ 7067:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");

/***/ }),

/***/ 2467:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http2");

/***/ }),

/***/ 4708:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:https");

/***/ }),

/***/ 7030:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:net");

/***/ }),

/***/ 8161:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");

/***/ }),

/***/ 6760:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");

/***/ }),

/***/ 643:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:perf_hooks");

/***/ }),

/***/ 1708:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:process");

/***/ }),

/***/ 1792:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:querystring");

/***/ }),

/***/ 7075:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream");

/***/ }),

/***/ 1692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:tls");

/***/ }),

/***/ 3136:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");

/***/ }),

/***/ 7975:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");

/***/ }),

/***/ 3429:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util/types");

/***/ }),

/***/ 5919:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:worker_threads");

/***/ }),

/***/ 8522:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:zlib");

/***/ }),

/***/ 857:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("os");

/***/ }),

/***/ 932:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("process");

/***/ }),

/***/ 3193:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("string_decoder");

/***/ }),

/***/ 4756:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tls");

/***/ }),

/***/ 9023:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util");

/***/ }),

/***/ 2197:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(4919);
var Scalar = __nccwpck_require__(389);
var YAMLMap = __nccwpck_require__(5462);
var YAMLSeq = __nccwpck_require__(6831);
var resolveBlockMap = __nccwpck_require__(143);
var resolveBlockSeq = __nccwpck_require__(1854);
var resolveFlowCollection = __nccwpck_require__(9030);

function resolveCollection(CN, ctx, token, onError, tagName, tag) {
    const coll = token.type === 'block-map'
        ? resolveBlockMap.resolveBlockMap(CN, ctx, token, onError, tag)
        : token.type === 'block-seq'
            ? resolveBlockSeq.resolveBlockSeq(CN, ctx, token, onError, tag)
            : resolveFlowCollection.resolveFlowCollection(CN, ctx, token, onError, tag);
    const Coll = coll.constructor;
    // If we got a tagName matching the class, or the tag name is '!',
    // then use the tagName from the node class used to create it.
    if (tagName === '!' || tagName === Coll.tagName) {
        coll.tag = Coll.tagName;
        return coll;
    }
    if (tagName)
        coll.tag = tagName;
    return coll;
}
function composeCollection(CN, ctx, token, props, onError) {
    const tagToken = props.tag;
    const tagName = !tagToken
        ? null
        : ctx.directives.tagName(tagToken.source, msg => onError(tagToken, 'TAG_RESOLVE_FAILED', msg));
    if (token.type === 'block-seq') {
        const { anchor, newlineAfterProp: nl } = props;
        const lastProp = anchor && tagToken
            ? anchor.offset > tagToken.offset
                ? anchor
                : tagToken
            : (anchor ?? tagToken);
        if (lastProp && (!nl || nl.offset < lastProp.offset)) {
            const message = 'Missing newline after block sequence props';
            onError(lastProp, 'MISSING_CHAR', message);
        }
    }
    const expType = token.type === 'block-map'
        ? 'map'
        : token.type === 'block-seq'
            ? 'seq'
            : token.start.source === '{'
                ? 'map'
                : 'seq';
    // shortcut: check if it's a generic YAMLMap or YAMLSeq
    // before jumping into the custom tag logic.
    if (!tagToken ||
        !tagName ||
        tagName === '!' ||
        (tagName === YAMLMap.YAMLMap.tagName && expType === 'map') ||
        (tagName === YAMLSeq.YAMLSeq.tagName && expType === 'seq')) {
        return resolveCollection(CN, ctx, token, onError, tagName);
    }
    let tag = ctx.schema.tags.find(t => t.tag === tagName && t.collection === expType);
    if (!tag) {
        const kt = ctx.schema.knownTags[tagName];
        if (kt?.collection === expType) {
            ctx.schema.tags.push(Object.assign({}, kt, { default: false }));
            tag = kt;
        }
        else {
            if (kt) {
                onError(tagToken, 'BAD_COLLECTION_TYPE', `${kt.tag} used for ${expType} collection, but expects ${kt.collection ?? 'scalar'}`, true);
            }
            else {
                onError(tagToken, 'TAG_RESOLVE_FAILED', `Unresolved tag: ${tagName}`, true);
            }
            return resolveCollection(CN, ctx, token, onError, tagName);
        }
    }
    const coll = resolveCollection(CN, ctx, token, onError, tagName, tag);
    const res = tag.resolve?.(coll, msg => onError(tagToken, 'TAG_RESOLVE_FAILED', msg), ctx.options) ?? coll;
    const node = identity.isNode(res)
        ? res
        : new Scalar.Scalar(res);
    node.range = coll.range;
    node.tag = tagName;
    if (tag?.format)
        node.format = tag.format;
    return node;
}

exports.composeCollection = composeCollection;


/***/ }),

/***/ 83:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Document = __nccwpck_require__(573);
var composeNode = __nccwpck_require__(4961);
var resolveEnd = __nccwpck_require__(1020);
var resolveProps = __nccwpck_require__(775);

function composeDoc(options, directives, { offset, start, value, end }, onError) {
    const opts = Object.assign({ _directives: directives }, options);
    const doc = new Document.Document(undefined, opts);
    const ctx = {
        atKey: false,
        atRoot: true,
        directives: doc.directives,
        options: doc.options,
        schema: doc.schema
    };
    const props = resolveProps.resolveProps(start, {
        indicator: 'doc-start',
        next: value ?? end?.[0],
        offset,
        onError,
        parentIndent: 0,
        startOnNewline: true
    });
    if (props.found) {
        doc.directives.docStart = true;
        if (value &&
            (value.type === 'block-map' || value.type === 'block-seq') &&
            !props.hasNewline)
            onError(props.end, 'MISSING_CHAR', 'Block collection cannot start on same line with directives-end marker');
    }
    // @ts-expect-error If Contents is set, let's trust the user
    doc.contents = value
        ? composeNode.composeNode(ctx, value, props, onError)
        : composeNode.composeEmptyNode(ctx, props.end, start, null, props, onError);
    const contentEnd = doc.contents.range[2];
    const re = resolveEnd.resolveEnd(end, contentEnd, false, onError);
    if (re.comment)
        doc.comment = re.comment;
    doc.range = [offset, contentEnd, re.offset];
    return doc;
}

exports.composeDoc = composeDoc;


/***/ }),

/***/ 4961:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Alias = __nccwpck_require__(7105);
var identity = __nccwpck_require__(4919);
var composeCollection = __nccwpck_require__(2197);
var composeScalar = __nccwpck_require__(3573);
var resolveEnd = __nccwpck_require__(1020);
var utilEmptyScalarPosition = __nccwpck_require__(8407);

const CN = { composeNode, composeEmptyNode };
function composeNode(ctx, token, props, onError) {
    const atKey = ctx.atKey;
    const { spaceBefore, comment, anchor, tag } = props;
    let node;
    let isSrcToken = true;
    switch (token.type) {
        case 'alias':
            node = composeAlias(ctx, token, onError);
            if (anchor || tag)
                onError(token, 'ALIAS_PROPS', 'An alias node must not specify any properties');
            break;
        case 'scalar':
        case 'single-quoted-scalar':
        case 'double-quoted-scalar':
        case 'block-scalar':
            node = composeScalar.composeScalar(ctx, token, tag, onError);
            if (anchor)
                node.anchor = anchor.source.substring(1);
            break;
        case 'block-map':
        case 'block-seq':
        case 'flow-collection':
            try {
                node = composeCollection.composeCollection(CN, ctx, token, props, onError);
                if (anchor)
                    node.anchor = anchor.source.substring(1);
            }
            catch (error) {
                // Almost certainly here due to a stack overflow
                const message = error instanceof Error ? error.message : String(error);
                onError(token, 'RESOURCE_EXHAUSTION', message);
            }
            break;
        default: {
            const message = token.type === 'error'
                ? token.message
                : `Unsupported token (type: ${token.type})`;
            onError(token, 'UNEXPECTED_TOKEN', message);
            isSrcToken = false;
        }
    }
    node ?? (node = composeEmptyNode(ctx, token.offset, undefined, null, props, onError));
    if (anchor && node.anchor === '')
        onError(anchor, 'BAD_ALIAS', 'Anchor cannot be an empty string');
    if (atKey &&
        ctx.options.stringKeys &&
        (!identity.isScalar(node) ||
            typeof node.value !== 'string' ||
            (node.tag && node.tag !== 'tag:yaml.org,2002:str'))) {
        const msg = 'With stringKeys, all keys must be strings';
        onError(tag ?? token, 'NON_STRING_KEY', msg);
    }
    if (spaceBefore)
        node.spaceBefore = true;
    if (comment) {
        if (token.type === 'scalar' && token.source === '')
            node.comment = comment;
        else
            node.commentBefore = comment;
    }
    // @ts-expect-error Type checking misses meaning of isSrcToken
    if (ctx.options.keepSourceTokens && isSrcToken)
        node.srcToken = token;
    return node;
}
function composeEmptyNode(ctx, offset, before, pos, { spaceBefore, comment, anchor, tag, end }, onError) {
    const token = {
        type: 'scalar',
        offset: utilEmptyScalarPosition.emptyScalarPosition(offset, before, pos),
        indent: -1,
        source: ''
    };
    const node = composeScalar.composeScalar(ctx, token, tag, onError);
    if (anchor) {
        node.anchor = anchor.source.substring(1);
        if (node.anchor === '')
            onError(anchor, 'BAD_ALIAS', 'Anchor cannot be an empty string');
    }
    if (spaceBefore)
        node.spaceBefore = true;
    if (comment) {
        node.comment = comment;
        node.range[2] = end;
    }
    return node;
}
function composeAlias({ options }, { offset, source, end }, onError) {
    const alias = new Alias.Alias(source.substring(1));
    if (alias.source === '')
        onError(offset, 'BAD_ALIAS', 'Alias cannot be an empty string');
    if (alias.source.endsWith(':'))
        onError(offset + source.length - 1, 'BAD_ALIAS', 'Alias ending in : is ambiguous', true);
    const valueEnd = offset + source.length;
    const re = resolveEnd.resolveEnd(end, valueEnd, options.strict, onError);
    alias.range = [offset, valueEnd, re.offset];
    if (re.comment)
        alias.comment = re.comment;
    return alias;
}

exports.composeEmptyNode = composeEmptyNode;
exports.composeNode = composeNode;


/***/ }),

/***/ 3573:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(4919);
var Scalar = __nccwpck_require__(389);
var resolveBlockScalar = __nccwpck_require__(5089);
var resolveFlowScalar = __nccwpck_require__(5882);

function composeScalar(ctx, token, tagToken, onError) {
    const { value, type, comment, range } = token.type === 'block-scalar'
        ? resolveBlockScalar.resolveBlockScalar(ctx, token, onError)
        : resolveFlowScalar.resolveFlowScalar(token, ctx.options.strict, onError);
    const tagName = tagToken
        ? ctx.directives.tagName(tagToken.source, msg => onError(tagToken, 'TAG_RESOLVE_FAILED', msg))
        : null;
    let tag;
    if (ctx.options.stringKeys && ctx.atKey) {
        tag = ctx.schema[identity.SCALAR];
    }
    else if (tagName)
        tag = findScalarTagByName(ctx.schema, value, tagName, tagToken, onError);
    else if (token.type === 'scalar')
        tag = findScalarTagByTest(ctx, value, token, onError);
    else
        tag = ctx.schema[identity.SCALAR];
    let scalar;
    try {
        const res = tag.resolve(value, msg => onError(tagToken ?? token, 'TAG_RESOLVE_FAILED', msg), ctx.options);
        scalar = identity.isScalar(res) ? res : new Scalar.Scalar(res);
    }
    catch (error) {
        const msg = error instanceof Error ? error.message : String(error);
        onError(tagToken ?? token, 'TAG_RESOLVE_FAILED', msg);
        scalar = new Scalar.Scalar(value);
    }
    scalar.range = range;
    scalar.source = value;
    if (type)
        scalar.type = type;
    if (tagName)
        scalar.tag = tagName;
    if (tag.format)
        scalar.format = tag.format;
    if (comment)
        scalar.comment = comment;
    return scalar;
}
function findScalarTagByName(schema, value, tagName, tagToken, onError) {
    if (tagName === '!')
        return schema[identity.SCALAR]; // non-specific tag
    const matchWithTest = [];
    for (const tag of schema.tags) {
        if (!tag.collection && tag.tag === tagName) {
            if (tag.default && tag.test)
                matchWithTest.push(tag);
            else
                return tag;
        }
    }
    for (const tag of matchWithTest)
        if (tag.test?.test(value))
            return tag;
    const kt = schema.knownTags[tagName];
    if (kt && !kt.collection) {
        // Ensure that the known tag is available for stringifying,
        // but does not get used by default.
        schema.tags.push(Object.assign({}, kt, { default: false, test: undefined }));
        return kt;
    }
    onError(tagToken, 'TAG_RESOLVE_FAILED', `Unresolved tag: ${tagName}`, tagName !== 'tag:yaml.org,2002:str');
    return schema[identity.SCALAR];
}
function findScalarTagByTest({ atKey, directives, schema }, value, token, onError) {
    const tag = schema.tags.find(tag => (tag.default === true || (atKey && tag.default === 'key')) &&
        tag.test?.test(value)) || schema[identity.SCALAR];
    if (schema.compat) {
        const compat = schema.compat.find(tag => tag.default && tag.test?.test(value)) ??
            schema[identity.SCALAR];
        if (tag.tag !== compat.tag) {
            const ts = directives.tagString(tag.tag);
            const cs = directives.tagString(compat.tag);
            const msg = `Value may be parsed as either ${ts} or ${cs}`;
            onError(token, 'TAG_RESOLVE_FAILED', msg, true);
        }
    }
    return tag;
}

exports.composeScalar = composeScalar;


/***/ }),

/***/ 3104:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var node_process = __nccwpck_require__(932);
var directives = __nccwpck_require__(2606);
var Document = __nccwpck_require__(573);
var errors = __nccwpck_require__(152);
var identity = __nccwpck_require__(4919);
var composeDoc = __nccwpck_require__(83);
var resolveEnd = __nccwpck_require__(1020);

function getErrorPos(src) {
    if (typeof src === 'number')
        return [src, src + 1];
    if (Array.isArray(src))
        return src.length === 2 ? src : [src[0], src[1]];
    const { offset, source } = src;
    return [offset, offset + (typeof source === 'string' ? source.length : 1)];
}
function parsePrelude(prelude) {
    let comment = '';
    let atComment = false;
    let afterEmptyLine = false;
    for (let i = 0; i < prelude.length; ++i) {
        const source = prelude[i];
        switch (source[0]) {
            case '#':
                comment +=
                    (comment === '' ? '' : afterEmptyLine ? '\n\n' : '\n') +
                        (source.substring(1) || ' ');
                atComment = true;
                afterEmptyLine = false;
                break;
            case '%':
                if (prelude[i + 1]?.[0] !== '#')
                    i += 1;
                atComment = false;
                break;
            default:
                // This may be wrong after doc-end, but in that case it doesn't matter
                if (!atComment)
                    afterEmptyLine = true;
                atComment = false;
        }
    }
    return { comment, afterEmptyLine };
}
/**
 * Compose a stream of CST nodes into a stream of YAML Documents.
 *
 * ```ts
 * import { Composer, Parser } from 'yaml'
 *
 * const src: string = ...
 * const tokens = new Parser().parse(src)
 * const docs = new Composer().compose(tokens)
 * ```
 */
class Composer {
    constructor(options = {}) {
        this.doc = null;
        this.atDirectives = false;
        this.prelude = [];
        this.errors = [];
        this.warnings = [];
        this.onError = (source, code, message, warning) => {
            const pos = getErrorPos(source);
            if (warning)
                this.warnings.push(new errors.YAMLWarning(pos, code, message));
            else
                this.errors.push(new errors.YAMLParseError(pos, code, message));
        };
        // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
        this.directives = new directives.Directives({ version: options.version || '1.2' });
        this.options = options;
    }
    decorate(doc, afterDoc) {
        const { comment, afterEmptyLine } = parsePrelude(this.prelude);
        //console.log({ dc: doc.comment, prelude, comment })
        if (comment) {
            const dc = doc.contents;
            if (afterDoc) {
                doc.comment = doc.comment ? `${doc.comment}\n${comment}` : comment;
            }
            else if (afterEmptyLine || doc.directives.docStart || !dc) {
                doc.commentBefore = comment;
            }
            else if (identity.isCollection(dc) && !dc.flow && dc.items.length > 0) {
                let it = dc.items[0];
                if (identity.isPair(it))
                    it = it.key;
                const cb = it.commentBefore;
                it.commentBefore = cb ? `${comment}\n${cb}` : comment;
            }
            else {
                const cb = dc.commentBefore;
                dc.commentBefore = cb ? `${comment}\n${cb}` : comment;
            }
        }
        if (afterDoc) {
            for (let i = 0; i < this.errors.length; ++i)
                doc.errors.push(this.errors[i]);
            for (let i = 0; i < this.warnings.length; ++i)
                doc.warnings.push(this.warnings[i]);
        }
        else {
            doc.errors = this.errors;
            doc.warnings = this.warnings;
        }
        this.prelude = [];
        this.errors = [];
        this.warnings = [];
    }
    /**
     * Current stream status information.
     *
     * Mostly useful at the end of input for an empty stream.
     */
    streamInfo() {
        return {
            comment: parsePrelude(this.prelude).comment,
            directives: this.directives,
            errors: this.errors,
            warnings: this.warnings
        };
    }
    /**
     * Compose tokens into documents.
     *
     * @param forceDoc - If the stream contains no document, still emit a final document including any comments and directives that would be applied to a subsequent document.
     * @param endOffset - Should be set if `forceDoc` is also set, to set the document range end and to indicate errors correctly.
     */
    *compose(tokens, forceDoc = false, endOffset = -1) {
        for (const token of tokens)
            yield* this.next(token);
        yield* this.end(forceDoc, endOffset);
    }
    /** Advance the composer by one CST token. */
    *next(token) {
        if (node_process.env.LOG_STREAM)
            console.dir(token, { depth: null });
        switch (token.type) {
            case 'directive':
                this.directives.add(token.source, (offset, message, warning) => {
                    const pos = getErrorPos(token);
                    pos[0] += offset;
                    this.onError(pos, 'BAD_DIRECTIVE', message, warning);
                });
                this.prelude.push(token.source);
                this.atDirectives = true;
                break;
            case 'document': {
                const doc = composeDoc.composeDoc(this.options, this.directives, token, this.onError);
                if (this.atDirectives && !doc.directives.docStart)
                    this.onError(token, 'MISSING_CHAR', 'Missing directives-end/doc-start indicator line');
                this.decorate(doc, false);
                if (this.doc)
                    yield this.doc;
                this.doc = doc;
                this.atDirectives = false;
                break;
            }
            case 'byte-order-mark':
            case 'space':
                break;
            case 'comment':
            case 'newline':
                this.prelude.push(token.source);
                break;
            case 'error': {
                const msg = token.source
                    ? `${token.message}: ${JSON.stringify(token.source)}`
                    : token.message;
                const error = new errors.YAMLParseError(getErrorPos(token), 'UNEXPECTED_TOKEN', msg);
                if (this.atDirectives || !this.doc)
                    this.errors.push(error);
                else
                    this.doc.errors.push(error);
                break;
            }
            case 'doc-end': {
                if (!this.doc) {
                    const msg = 'Unexpected doc-end without preceding document';
                    this.errors.push(new errors.YAMLParseError(getErrorPos(token), 'UNEXPECTED_TOKEN', msg));
                    break;
                }
                this.doc.directives.docEnd = true;
                const end = resolveEnd.resolveEnd(token.end, token.offset + token.source.length, this.doc.options.strict, this.onError);
                this.decorate(this.doc, true);
                if (end.comment) {
                    const dc = this.doc.comment;
                    this.doc.comment = dc ? `${dc}\n${end.comment}` : end.comment;
                }
                this.doc.range[2] = end.offset;
                break;
            }
            default:
                this.errors.push(new errors.YAMLParseError(getErrorPos(token), 'UNEXPECTED_TOKEN', `Unsupported token ${token.type}`));
        }
    }
    /**
     * Call at end of input to yield any remaining document.
     *
     * @param forceDoc - If the stream contains no document, still emit a final document including any comments and directives that would be applied to a subsequent document.
     * @param endOffset - Should be set if `forceDoc` is also set, to set the document range end and to indicate errors correctly.
     */
    *end(forceDoc = false, endOffset = -1) {
        if (this.doc) {
            this.decorate(this.doc, true);
            yield this.doc;
            this.doc = null;
        }
        else if (forceDoc) {
            const opts = Object.assign({ _directives: this.directives }, this.options);
            const doc = new Document.Document(undefined, opts);
            if (this.atDirectives)
                this.onError(endOffset, 'MISSING_CHAR', 'Missing directives-end indicator line');
            doc.range = [0, endOffset, endOffset];
            this.decorate(doc, false);
            yield doc;
        }
    }
}

exports.Composer = Composer;


/***/ }),

/***/ 143:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Pair = __nccwpck_require__(5773);
var YAMLMap = __nccwpck_require__(5462);
var resolveProps = __nccwpck_require__(775);
var utilContainsNewline = __nccwpck_require__(4283);
var utilFlowIndentCheck = __nccwpck_require__(1795);
var utilMapIncludes = __nccwpck_require__(1091);

const startColMsg = 'All mapping items must start at the same column';
function resolveBlockMap({ composeNode, composeEmptyNode }, ctx, bm, onError, tag) {
    const NodeClass = tag?.nodeClass ?? YAMLMap.YAMLMap;
    const map = new NodeClass(ctx.schema);
    if (ctx.atRoot)
        ctx.atRoot = false;
    let offset = bm.offset;
    let commentEnd = null;
    for (const collItem of bm.items) {
        const { start, key, sep, value } = collItem;
        // key properties
        const keyProps = resolveProps.resolveProps(start, {
            indicator: 'explicit-key-ind',
            next: key ?? sep?.[0],
            offset,
            onError,
            parentIndent: bm.indent,
            startOnNewline: true
        });
        const implicitKey = !keyProps.found;
        if (implicitKey) {
            if (key) {
                if (key.type === 'block-seq')
                    onError(offset, 'BLOCK_AS_IMPLICIT_KEY', 'A block sequence may not be used as an implicit map key');
                else if ('indent' in key && key.indent !== bm.indent)
                    onError(offset, 'BAD_INDENT', startColMsg);
            }
            if (!keyProps.anchor && !keyProps.tag && !sep) {
                commentEnd = keyProps.end;
                if (keyProps.comment) {
                    if (map.comment)
                        map.comment += '\n' + keyProps.comment;
                    else
                        map.comment = keyProps.comment;
                }
                continue;
            }
            if (keyProps.newlineAfterProp || utilContainsNewline.containsNewline(key)) {
                onError(key ?? start[start.length - 1], 'MULTILINE_IMPLICIT_KEY', 'Implicit keys need to be on a single line');
            }
        }
        else if (keyProps.found?.indent !== bm.indent) {
            onError(offset, 'BAD_INDENT', startColMsg);
        }
        // key value
        ctx.atKey = true;
        const keyStart = keyProps.end;
        const keyNode = key
            ? composeNode(ctx, key, keyProps, onError)
            : composeEmptyNode(ctx, keyStart, start, null, keyProps, onError);
        if (ctx.schema.compat)
            utilFlowIndentCheck.flowIndentCheck(bm.indent, key, onError);
        ctx.atKey = false;
        if (utilMapIncludes.mapIncludes(ctx, map.items, keyNode))
            onError(keyStart, 'DUPLICATE_KEY', 'Map keys must be unique');
        // value properties
        const valueProps = resolveProps.resolveProps(sep ?? [], {
            indicator: 'map-value-ind',
            next: value,
            offset: keyNode.range[2],
            onError,
            parentIndent: bm.indent,
            startOnNewline: !key || key.type === 'block-scalar'
        });
        offset = valueProps.end;
        if (valueProps.found) {
            if (implicitKey) {
                if (value?.type === 'block-map' && !valueProps.hasNewline)
                    onError(offset, 'BLOCK_AS_IMPLICIT_KEY', 'Nested mappings are not allowed in compact mappings');
                if (ctx.options.strict &&
                    keyProps.start < valueProps.found.offset - 1024)
                    onError(keyNode.range, 'KEY_OVER_1024_CHARS', 'The : indicator must be at most 1024 chars after the start of an implicit block mapping key');
            }
            // value value
            const valueNode = value
                ? composeNode(ctx, value, valueProps, onError)
                : composeEmptyNode(ctx, offset, sep, null, valueProps, onError);
            if (ctx.schema.compat)
                utilFlowIndentCheck.flowIndentCheck(bm.indent, value, onError);
            offset = valueNode.range[2];
            const pair = new Pair.Pair(keyNode, valueNode);
            if (ctx.options.keepSourceTokens)
                pair.srcToken = collItem;
            map.items.push(pair);
        }
        else {
            // key with no value
            if (implicitKey)
                onError(keyNode.range, 'MISSING_CHAR', 'Implicit map keys need to be followed by map values');
            if (valueProps.comment) {
                if (keyNode.comment)
                    keyNode.comment += '\n' + valueProps.comment;
                else
                    keyNode.comment = valueProps.comment;
            }
            const pair = new Pair.Pair(keyNode);
            if (ctx.options.keepSourceTokens)
                pair.srcToken = collItem;
            map.items.push(pair);
        }
    }
    if (commentEnd && commentEnd < offset)
        onError(commentEnd, 'IMPOSSIBLE', 'Map comment with trailing content');
    map.range = [bm.offset, offset, commentEnd ?? offset];
    return map;
}

exports.resolveBlockMap = resolveBlockMap;


/***/ }),

/***/ 5089:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(389);

function resolveBlockScalar(ctx, scalar, onError) {
    const start = scalar.offset;
    const header = parseBlockScalarHeader(scalar, ctx.options.strict, onError);
    if (!header)
        return { value: '', type: null, comment: '', range: [start, start, start] };
    const type = header.mode === '>' ? Scalar.Scalar.BLOCK_FOLDED : Scalar.Scalar.BLOCK_LITERAL;
    const lines = scalar.source ? splitLines(scalar.source) : [];
    // determine the end of content & start of chomping
    let chompStart = lines.length;
    for (let i = lines.length - 1; i >= 0; --i) {
        const content = lines[i][1];
        if (content === '' || content === '\r')
            chompStart = i;
        else
            break;
    }
    // shortcut for empty contents
    if (chompStart === 0) {
        const value = header.chomp === '+' && lines.length > 0
            ? '\n'.repeat(Math.max(1, lines.length - 1))
            : '';
        let end = start + header.length;
        if (scalar.source)
            end += scalar.source.length;
        return { value, type, comment: header.comment, range: [start, end, end] };
    }
    // find the indentation level to trim from start
    let trimIndent = scalar.indent + header.indent;
    let offset = scalar.offset + header.length;
    let contentStart = 0;
    for (let i = 0; i < chompStart; ++i) {
        const [indent, content] = lines[i];
        if (content === '' || content === '\r') {
            if (header.indent === 0 && indent.length > trimIndent)
                trimIndent = indent.length;
        }
        else {
            if (indent.length < trimIndent) {
                const message = 'Block scalars with more-indented leading empty lines must use an explicit indentation indicator';
                onError(offset + indent.length, 'MISSING_CHAR', message);
            }
            if (header.indent === 0)
                trimIndent = indent.length;
            contentStart = i;
            if (trimIndent === 0 && !ctx.atRoot) {
                const message = 'Block scalar values in collections must be indented';
                onError(offset, 'BAD_INDENT', message);
            }
            break;
        }
        offset += indent.length + content.length + 1;
    }
    // include trailing more-indented empty lines in content
    for (let i = lines.length - 1; i >= chompStart; --i) {
        if (lines[i][0].length > trimIndent)
            chompStart = i + 1;
    }
    let value = '';
    let sep = '';
    let prevMoreIndented = false;
    // leading whitespace is kept intact
    for (let i = 0; i < contentStart; ++i)
        value += lines[i][0].slice(trimIndent) + '\n';
    for (let i = contentStart; i < chompStart; ++i) {
        let [indent, content] = lines[i];
        offset += indent.length + content.length + 1;
        const crlf = content[content.length - 1] === '\r';
        if (crlf)
            content = content.slice(0, -1);
        /* istanbul ignore if already caught in lexer */
        if (content && indent.length < trimIndent) {
            const src = header.indent
                ? 'explicit indentation indicator'
                : 'first line';
            const message = `Block scalar lines must not be less indented than their ${src}`;
            onError(offset - content.length - (crlf ? 2 : 1), 'BAD_INDENT', message);
            indent = '';
        }
        if (type === Scalar.Scalar.BLOCK_LITERAL) {
            value += sep + indent.slice(trimIndent) + content;
            sep = '\n';
        }
        else if (indent.length > trimIndent || content[0] === '\t') {
            // more-indented content within a folded block
            if (sep === ' ')
                sep = '\n';
            else if (!prevMoreIndented && sep === '\n')
                sep = '\n\n';
            value += sep + indent.slice(trimIndent) + content;
            sep = '\n';
            prevMoreIndented = true;
        }
        else if (content === '') {
            // empty line
            if (sep === '\n')
                value += '\n';
            else
                sep = '\n';
        }
        else {
            value += sep + content;
            sep = ' ';
            prevMoreIndented = false;
        }
    }
    switch (header.chomp) {
        case '-':
            break;
        case '+':
            for (let i = chompStart; i < lines.length; ++i)
                value += '\n' + lines[i][0].slice(trimIndent);
            if (value[value.length - 1] !== '\n')
                value += '\n';
            break;
        default:
            value += '\n';
    }
    const end = start + header.length + scalar.source.length;
    return { value, type, comment: header.comment, range: [start, end, end] };
}
function parseBlockScalarHeader({ offset, props }, strict, onError) {
    /* istanbul ignore if should not happen */
    if (props[0].type !== 'block-scalar-header') {
        onError(props[0], 'IMPOSSIBLE', 'Block scalar header not found');
        return null;
    }
    const { source } = props[0];
    const mode = source[0];
    let indent = 0;
    let chomp = '';
    let error = -1;
    for (let i = 1; i < source.length; ++i) {
        const ch = source[i];
        if (!chomp && (ch === '-' || ch === '+'))
            chomp = ch;
        else {
            const n = Number(ch);
            if (!indent && n)
                indent = n;
            else if (error === -1)
                error = offset + i;
        }
    }
    if (error !== -1)
        onError(error, 'UNEXPECTED_TOKEN', `Block scalar header includes extra characters: ${source}`);
    let hasSpace = false;
    let comment = '';
    let length = source.length;
    for (let i = 1; i < props.length; ++i) {
        const token = props[i];
        switch (token.type) {
            case 'space':
                hasSpace = true;
            // fallthrough
            case 'newline':
                length += token.source.length;
                break;
            case 'comment':
                if (strict && !hasSpace) {
                    const message = 'Comments must be separated from other tokens by white space characters';
                    onError(token, 'MISSING_CHAR', message);
                }
                length += token.source.length;
                comment = token.source.substring(1);
                break;
            case 'error':
                onError(token, 'UNEXPECTED_TOKEN', token.message);
                length += token.source.length;
                break;
            /* istanbul ignore next should not happen */
            default: {
                const message = `Unexpected token in block scalar header: ${token.type}`;
                onError(token, 'UNEXPECTED_TOKEN', message);
                const ts = token.source;
                if (ts && typeof ts === 'string')
                    length += ts.length;
            }
        }
    }
    return { mode, indent, chomp, comment, length };
}
/** @returns Array of lines split up as `[indent, content]` */
function splitLines(source) {
    const split = source.split(/\n( *)/);
    const first = split[0];
    const m = first.match(/^( *)/);
    const line0 = m?.[1]
        ? [m[1], first.slice(m[1].length)]
        : ['', first];
    const lines = [line0];
    for (let i = 1; i < split.length; i += 2)
        lines.push([split[i], split[i + 1]]);
    return lines;
}

exports.resolveBlockScalar = resolveBlockScalar;


/***/ }),

/***/ 1854:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var YAMLSeq = __nccwpck_require__(6831);
var resolveProps = __nccwpck_require__(775);
var utilFlowIndentCheck = __nccwpck_require__(1795);

function resolveBlockSeq({ composeNode, composeEmptyNode }, ctx, bs, onError, tag) {
    const NodeClass = tag?.nodeClass ?? YAMLSeq.YAMLSeq;
    const seq = new NodeClass(ctx.schema);
    if (ctx.atRoot)
        ctx.atRoot = false;
    if (ctx.atKey)
        ctx.atKey = false;
    let offset = bs.offset;
    let commentEnd = null;
    for (const { start, value } of bs.items) {
        const props = resolveProps.resolveProps(start, {
            indicator: 'seq-item-ind',
            next: value,
            offset,
            onError,
            parentIndent: bs.indent,
            startOnNewline: true
        });
        if (!props.found) {
            if (props.anchor || props.tag || value) {
                if (value?.type === 'block-seq')
                    onError(props.end, 'BAD_INDENT', 'All sequence items must start at the same column');
                else
                    onError(offset, 'MISSING_CHAR', 'Sequence item without - indicator');
            }
            else {
                commentEnd = props.end;
                if (props.comment)
                    seq.comment = props.comment;
                continue;
            }
        }
        const node = value
            ? composeNode(ctx, value, props, onError)
            : composeEmptyNode(ctx, props.end, start, null, props, onError);
        if (ctx.schema.compat)
            utilFlowIndentCheck.flowIndentCheck(bs.indent, value, onError);
        offset = node.range[2];
        seq.items.push(node);
    }
    seq.range = [bs.offset, offset, commentEnd ?? offset];
    return seq;
}

exports.resolveBlockSeq = resolveBlockSeq;


/***/ }),

/***/ 1020:
/***/ ((__unused_webpack_module, exports) => {



function resolveEnd(end, offset, reqSpace, onError) {
    let comment = '';
    if (end) {
        let hasSpace = false;
        let sep = '';
        for (const token of end) {
            const { source, type } = token;
            switch (type) {
                case 'space':
                    hasSpace = true;
                    break;
                case 'comment': {
                    if (reqSpace && !hasSpace)
                        onError(token, 'MISSING_CHAR', 'Comments must be separated from other tokens by white space characters');
                    const cb = source.substring(1) || ' ';
                    if (!comment)
                        comment = cb;
                    else
                        comment += sep + cb;
                    sep = '';
                    break;
                }
                case 'newline':
                    if (comment)
                        sep += source;
                    hasSpace = true;
                    break;
                default:
                    onError(token, 'UNEXPECTED_TOKEN', `Unexpected ${type} at node end`);
            }
            offset += source.length;
        }
    }
    return { comment, offset };
}

exports.resolveEnd = resolveEnd;


/***/ }),

/***/ 9030:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(4919);
var Pair = __nccwpck_require__(5773);
var YAMLMap = __nccwpck_require__(5462);
var YAMLSeq = __nccwpck_require__(6831);
var resolveEnd = __nccwpck_require__(1020);
var resolveProps = __nccwpck_require__(775);
var utilContainsNewline = __nccwpck_require__(4283);
var utilMapIncludes = __nccwpck_require__(1091);

const blockMsg = 'Block collections are not allowed within flow collections';
const isBlock = (token) => token && (token.type === 'block-map' || token.type === 'block-seq');
function resolveFlowCollection({ composeNode, composeEmptyNode }, ctx, fc, onError, tag) {
    const isMap = fc.start.source === '{';
    const fcName = isMap ? 'flow map' : 'flow sequence';
    const NodeClass = (tag?.nodeClass ?? (isMap ? YAMLMap.YAMLMap : YAMLSeq.YAMLSeq));
    const coll = new NodeClass(ctx.schema);
    coll.flow = true;
    const atRoot = ctx.atRoot;
    if (atRoot)
        ctx.atRoot = false;
    if (ctx.atKey)
        ctx.atKey = false;
    let offset = fc.offset + fc.start.source.length;
    for (let i = 0; i < fc.items.length; ++i) {
        const collItem = fc.items[i];
        const { start, key, sep, value } = collItem;
        const props = resolveProps.resolveProps(start, {
            flow: fcName,
            indicator: 'explicit-key-ind',
            next: key ?? sep?.[0],
            offset,
            onError,
            parentIndent: fc.indent,
            startOnNewline: false
        });
        if (!props.found) {
            if (!props.anchor && !props.tag && !sep && !value) {
                if (i === 0 && props.comma)
                    onError(props.comma, 'UNEXPECTED_TOKEN', `Unexpected , in ${fcName}`);
                else if (i < fc.items.length - 1)
                    onError(props.start, 'UNEXPECTED_TOKEN', `Unexpected empty item in ${fcName}`);
                if (props.comment) {
                    if (coll.comment)
                        coll.comment += '\n' + props.comment;
                    else
                        coll.comment = props.comment;
                }
                offset = props.end;
                continue;
            }
            if (!isMap && ctx.options.strict && utilContainsNewline.containsNewline(key))
                onError(key, // checked by containsNewline()
                'MULTILINE_IMPLICIT_KEY', 'Implicit keys of flow sequence pairs need to be on a single line');
        }
        if (i === 0) {
            if (props.comma)
                onError(props.comma, 'UNEXPECTED_TOKEN', `Unexpected , in ${fcName}`);
        }
        else {
            if (!props.comma)
                onError(props.start, 'MISSING_CHAR', `Missing , between ${fcName} items`);
            if (props.comment) {
                let prevItemComment = '';
                loop: for (const st of start) {
                    switch (st.type) {
                        case 'comma':
                        case 'space':
                            break;
                        case 'comment':
                            prevItemComment = st.source.substring(1);
                            break loop;
                        default:
                            break loop;
                    }
                }
                if (prevItemComment) {
                    let prev = coll.items[coll.items.length - 1];
                    if (identity.isPair(prev))
                        prev = prev.value ?? prev.key;
                    if (prev.comment)
                        prev.comment += '\n' + prevItemComment;
                    else
                        prev.comment = prevItemComment;
                    props.comment = props.comment.substring(prevItemComment.length + 1);
                }
            }
        }
        if (!isMap && !sep && !props.found) {
            // item is a value in a seq
            // → key & sep are empty, start does not include ? or :
            const valueNode = value
                ? composeNode(ctx, value, props, onError)
                : composeEmptyNode(ctx, props.end, sep, null, props, onError);
            coll.items.push(valueNode);
            offset = valueNode.range[2];
            if (isBlock(value))
                onError(valueNode.range, 'BLOCK_IN_FLOW', blockMsg);
        }
        else {
            // item is a key+value pair
            // key value
            ctx.atKey = true;
            const keyStart = props.end;
            const keyNode = key
                ? composeNode(ctx, key, props, onError)
                : composeEmptyNode(ctx, keyStart, start, null, props, onError);
            if (isBlock(key))
                onError(keyNode.range, 'BLOCK_IN_FLOW', blockMsg);
            ctx.atKey = false;
            // value properties
            const valueProps = resolveProps.resolveProps(sep ?? [], {
                flow: fcName,
                indicator: 'map-value-ind',
                next: value,
                offset: keyNode.range[2],
                onError,
                parentIndent: fc.indent,
                startOnNewline: false
            });
            if (valueProps.found) {
                if (!isMap && !props.found && ctx.options.strict) {
                    if (sep)
                        for (const st of sep) {
                            if (st === valueProps.found)
                                break;
                            if (st.type === 'newline') {
                                onError(st, 'MULTILINE_IMPLICIT_KEY', 'Implicit keys of flow sequence pairs need to be on a single line');
                                break;
                            }
                        }
                    if (props.start < valueProps.found.offset - 1024)
                        onError(valueProps.found, 'KEY_OVER_1024_CHARS', 'The : indicator must be at most 1024 chars after the start of an implicit flow sequence key');
                }
            }
            else if (value) {
                if ('source' in value && value.source?.[0] === ':')
                    onError(value, 'MISSING_CHAR', `Missing space after : in ${fcName}`);
                else
                    onError(valueProps.start, 'MISSING_CHAR', `Missing , or : between ${fcName} items`);
            }
            // value value
            const valueNode = value
                ? composeNode(ctx, value, valueProps, onError)
                : valueProps.found
                    ? composeEmptyNode(ctx, valueProps.end, sep, null, valueProps, onError)
                    : null;
            if (valueNode) {
                if (isBlock(value))
                    onError(valueNode.range, 'BLOCK_IN_FLOW', blockMsg);
            }
            else if (valueProps.comment) {
                if (keyNode.comment)
                    keyNode.comment += '\n' + valueProps.comment;
                else
                    keyNode.comment = valueProps.comment;
            }
            const pair = new Pair.Pair(keyNode, valueNode);
            if (ctx.options.keepSourceTokens)
                pair.srcToken = collItem;
            if (isMap) {
                const map = coll;
                if (utilMapIncludes.mapIncludes(ctx, map.items, keyNode))
                    onError(keyStart, 'DUPLICATE_KEY', 'Map keys must be unique');
                map.items.push(pair);
            }
            else {
                const map = new YAMLMap.YAMLMap(ctx.schema);
                map.flow = true;
                map.items.push(pair);
                const endRange = (valueNode ?? keyNode).range;
                map.range = [keyNode.range[0], endRange[1], endRange[2]];
                coll.items.push(map);
            }
            offset = valueNode ? valueNode.range[2] : valueProps.end;
        }
    }
    const expectedEnd = isMap ? '}' : ']';
    const [ce, ...ee] = fc.end;
    let cePos = offset;
    if (ce?.source === expectedEnd)
        cePos = ce.offset + ce.source.length;
    else {
        const name = fcName[0].toUpperCase() + fcName.substring(1);
        const msg = atRoot
            ? `${name} must end with a ${expectedEnd}`
            : `${name} in block collection must be sufficiently indented and end with a ${expectedEnd}`;
        onError(offset, atRoot ? 'MISSING_CHAR' : 'BAD_INDENT', msg);
        if (ce && ce.source.length !== 1)
            ee.unshift(ce);
    }
    if (ee.length > 0) {
        const end = resolveEnd.resolveEnd(ee, cePos, ctx.options.strict, onError);
        if (end.comment) {
            if (coll.comment)
                coll.comment += '\n' + end.comment;
            else
                coll.comment = end.comment;
        }
        coll.range = [fc.offset, cePos, end.offset];
    }
    else {
        coll.range = [fc.offset, cePos, cePos];
    }
    return coll;
}

exports.resolveFlowCollection = resolveFlowCollection;


/***/ }),

/***/ 5882:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(389);
var resolveEnd = __nccwpck_require__(1020);

function resolveFlowScalar(scalar, strict, onError) {
    const { offset, type, source, end } = scalar;
    let _type;
    let value;
    const _onError = (rel, code, msg) => onError(offset + rel, code, msg);
    switch (type) {
        case 'scalar':
            _type = Scalar.Scalar.PLAIN;
            value = plainValue(source, _onError);
            break;
        case 'single-quoted-scalar':
            _type = Scalar.Scalar.QUOTE_SINGLE;
            value = singleQuotedValue(source, _onError);
            break;
        case 'double-quoted-scalar':
            _type = Scalar.Scalar.QUOTE_DOUBLE;
            value = doubleQuotedValue(source, _onError);
            break;
        /* istanbul ignore next should not happen */
        default:
            onError(scalar, 'UNEXPECTED_TOKEN', `Expected a flow scalar value, but found: ${type}`);
            return {
                value: '',
                type: null,
                comment: '',
                range: [offset, offset + source.length, offset + source.length]
            };
    }
    const valueEnd = offset + source.length;
    const re = resolveEnd.resolveEnd(end, valueEnd, strict, onError);
    return {
        value,
        type: _type,
        comment: re.comment,
        range: [offset, valueEnd, re.offset]
    };
}
function plainValue(source, onError) {
    let badChar = '';
    switch (source[0]) {
        /* istanbul ignore next should not happen */
        case '\t':
            badChar = 'a tab character';
            break;
        case ',':
            badChar = 'flow indicator character ,';
            break;
        case '%':
            badChar = 'directive indicator character %';
            break;
        case '|':
        case '>': {
            badChar = `block scalar indicator ${source[0]}`;
            break;
        }
        case '@':
        case '`': {
            badChar = `reserved character ${source[0]}`;
            break;
        }
    }
    if (badChar)
        onError(0, 'BAD_SCALAR_START', `Plain value cannot start with ${badChar}`);
    return unfoldLines(source);
}
function singleQuotedValue(source, onError) {
    if (source[source.length - 1] !== "'" || source.length === 1)
        onError(source.length, 'MISSING_CHAR', "Missing closing 'quote");
    return unfoldLines(source.slice(1, -1)).replace(/''/g, "'");
}
function unfoldLines(source) {
    const line = /(.*?)\r?\n/sy;
    let match = line.exec(source);
    if (!match)
        return source;
    /**
     * The negative lookbehinds in these RegExps are to
     * prevent causing a polynomial search time in certain cases.
     *
     * The try-catch is for Safari < 16.4 and other old browsers:
     * https://caniuse.com/js-regexp-lookbehind
     */
    let trimEnd, trimBoth;
    try {
        trimEnd = new RegExp('(?<![ \t])[ \t]+$');
        trimBoth = new RegExp('^[ \t]+|(?<![ \t])[ \t]+$', 'g');
    }
    catch {
        trimEnd = /[ \t]+$/;
        trimBoth = /^[ \t]+|[ \t]+$/g;
    }
    let res = match[1].replace(trimEnd, '');
    let sep = ' ';
    let pos = line.lastIndex;
    while ((match = line.exec(source))) {
        const lm = match[1].replace(trimBoth, '');
        if (lm === '') {
            if (sep === '\n')
                res += sep;
            else
                sep = '\n';
        }
        else {
            res += sep + lm;
            sep = ' ';
        }
        pos = line.lastIndex;
    }
    const last = /[ \t]*(.*)/sy;
    last.lastIndex = pos;
    match = last.exec(source);
    return res + sep + (match?.[1] ?? '');
}
function doubleQuotedValue(source, onError) {
    let res = '';
    for (let i = 1; i < source.length - 1; ++i) {
        const ch = source[i];
        if (ch === '\r' && source[i + 1] === '\n')
            continue;
        if (ch === '\n') {
            const { fold, offset } = foldNewline(source, i);
            res += fold;
            i = offset;
        }
        else if (ch === '\\') {
            let next = source[++i];
            const cc = escapeCodes[next];
            if (cc)
                res += cc;
            else if (next === '\n') {
                // skip escaped newlines, but still trim the following line
                next = source[i + 1];
                while (next === ' ' || next === '\t')
                    next = source[++i + 1];
            }
            else if (next === '\r' && source[i + 1] === '\n') {
                // skip escaped CRLF newlines, but still trim the following line
                next = source[++i + 1];
                while (next === ' ' || next === '\t')
                    next = source[++i + 1];
            }
            else if (next === 'x' || next === 'u' || next === 'U') {
                const length = next === 'x' ? 2 : next === 'u' ? 4 : 8;
                res += parseCharCode(source, i + 1, length, onError);
                i += length;
            }
            else {
                const raw = source.substr(i - 1, 2);
                onError(i - 1, 'BAD_DQ_ESCAPE', `Invalid escape sequence ${raw}`);
                res += raw;
            }
        }
        else if (ch === ' ' || ch === '\t') {
            // trim trailing whitespace
            const wsStart = i;
            let next = source[i + 1];
            while (next === ' ' || next === '\t')
                next = source[++i + 1];
            if (next !== '\n' && !(next === '\r' && source[i + 2] === '\n'))
                res += i > wsStart ? source.slice(wsStart, i + 1) : ch;
        }
        else {
            res += ch;
        }
    }
    if (source[source.length - 1] !== '"' || source.length === 1)
        onError(source.length, 'MISSING_CHAR', 'Missing closing "quote');
    return res;
}
/**
 * Fold a single newline into a space, multiple newlines to N - 1 newlines.
 * Presumes `source[offset] === '\n'`
 */
function foldNewline(source, offset) {
    let fold = '';
    let ch = source[offset + 1];
    while (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') {
        if (ch === '\r' && source[offset + 2] !== '\n')
            break;
        if (ch === '\n')
            fold += '\n';
        offset += 1;
        ch = source[offset + 1];
    }
    if (!fold)
        fold = ' ';
    return { fold, offset };
}
const escapeCodes = {
    '0': '\0', // null character
    a: '\x07', // bell character
    b: '\b', // backspace
    e: '\x1b', // escape character
    f: '\f', // form feed
    n: '\n', // line feed
    r: '\r', // carriage return
    t: '\t', // horizontal tab
    v: '\v', // vertical tab
    N: '\u0085', // Unicode next line
    _: '\u00a0', // Unicode non-breaking space
    L: '\u2028', // Unicode line separator
    P: '\u2029', // Unicode paragraph separator
    ' ': ' ',
    '"': '"',
    '/': '/',
    '\\': '\\',
    '\t': '\t'
};
function parseCharCode(source, offset, length, onError) {
    const cc = source.substr(offset, length);
    const ok = cc.length === length && /^[0-9a-fA-F]+$/.test(cc);
    const code = ok ? parseInt(cc, 16) : NaN;
    try {
        return String.fromCodePoint(code);
    }
    catch {
        const raw = source.substr(offset - 2, length + 2);
        onError(offset - 2, 'BAD_DQ_ESCAPE', `Invalid escape sequence ${raw}`);
        return raw;
    }
}

exports.resolveFlowScalar = resolveFlowScalar;


/***/ }),

/***/ 775:
/***/ ((__unused_webpack_module, exports) => {



function resolveProps(tokens, { flow, indicator, next, offset, onError, parentIndent, startOnNewline }) {
    let spaceBefore = false;
    let atNewline = startOnNewline;
    let hasSpace = startOnNewline;
    let comment = '';
    let commentSep = '';
    let hasNewline = false;
    let reqSpace = false;
    let tab = null;
    let anchor = null;
    let tag = null;
    let newlineAfterProp = null;
    let comma = null;
    let found = null;
    let start = null;
    for (const token of tokens) {
        if (reqSpace) {
            if (token.type !== 'space' &&
                token.type !== 'newline' &&
                token.type !== 'comma')
                onError(token.offset, 'MISSING_CHAR', 'Tags and anchors must be separated from the next token by white space');
            reqSpace = false;
        }
        if (tab) {
            if (atNewline && token.type !== 'comment' && token.type !== 'newline') {
                onError(tab, 'TAB_AS_INDENT', 'Tabs are not allowed as indentation');
            }
            tab = null;
        }
        switch (token.type) {
            case 'space':
                // At the doc level, tabs at line start may be parsed
                // as leading white space rather than indentation.
                // In a flow collection, only the parser handles indent.
                if (!flow &&
                    (indicator !== 'doc-start' || next?.type !== 'flow-collection') &&
                    token.source.includes('\t')) {
                    tab = token;
                }
                hasSpace = true;
                break;
            case 'comment': {
                if (!hasSpace)
                    onError(token, 'MISSING_CHAR', 'Comments must be separated from other tokens by white space characters');
                const cb = token.source.substring(1) || ' ';
                if (!comment)
                    comment = cb;
                else
                    comment += commentSep + cb;
                commentSep = '';
                atNewline = false;
                break;
            }
            case 'newline':
                if (atNewline) {
                    if (comment)
                        comment += token.source;
                    else if (!found || indicator !== 'seq-item-ind')
                        spaceBefore = true;
                }
                else
                    commentSep += token.source;
                atNewline = true;
                hasNewline = true;
                if (anchor || tag)
                    newlineAfterProp = token;
                hasSpace = true;
                break;
            case 'anchor':
                if (anchor)
                    onError(token, 'MULTIPLE_ANCHORS', 'A node can have at most one anchor');
                if (token.source.endsWith(':'))
                    onError(token.offset + token.source.length - 1, 'BAD_ALIAS', 'Anchor ending in : is ambiguous', true);
                anchor = token;
                start ?? (start = token.offset);
                atNewline = false;
                hasSpace = false;
                reqSpace = true;
                break;
            case 'tag': {
                if (tag)
                    onError(token, 'MULTIPLE_TAGS', 'A node can have at most one tag');
                tag = token;
                start ?? (start = token.offset);
                atNewline = false;
                hasSpace = false;
                reqSpace = true;
                break;
            }
            case indicator:
                // Could here handle preceding comments differently
                if (anchor || tag)
                    onError(token, 'BAD_PROP_ORDER', `Anchors and tags must be after the ${token.source} indicator`);
                if (found)
                    onError(token, 'UNEXPECTED_TOKEN', `Unexpected ${token.source} in ${flow ?? 'collection'}`);
                found = token;
                atNewline =
                    indicator === 'seq-item-ind' || indicator === 'explicit-key-ind';
                hasSpace = false;
                break;
            case 'comma':
                if (flow) {
                    if (comma)
                        onError(token, 'UNEXPECTED_TOKEN', `Unexpected , in ${flow}`);
                    comma = token;
                    atNewline = false;
                    hasSpace = false;
                    break;
                }
            // else fallthrough
            default:
                onError(token, 'UNEXPECTED_TOKEN', `Unexpected ${token.type} token`);
                atNewline = false;
                hasSpace = false;
        }
    }
    const last = tokens[tokens.length - 1];
    const end = last ? last.offset + last.source.length : offset;
    if (reqSpace &&
        next &&
        next.type !== 'space' &&
        next.type !== 'newline' &&
        next.type !== 'comma' &&
        (next.type !== 'scalar' || next.source !== '')) {
        onError(next.offset, 'MISSING_CHAR', 'Tags and anchors must be separated from the next token by white space');
    }
    if (tab &&
        ((atNewline && tab.indent <= parentIndent) ||
            next?.type === 'block-map' ||
            next?.type === 'block-seq'))
        onError(tab, 'TAB_AS_INDENT', 'Tabs are not allowed as indentation');
    return {
        comma,
        found,
        spaceBefore,
        comment,
        hasNewline,
        anchor,
        tag,
        newlineAfterProp,
        end,
        start: start ?? end
    };
}

exports.resolveProps = resolveProps;


/***/ }),

/***/ 4283:
/***/ ((__unused_webpack_module, exports) => {



function containsNewline(key) {
    if (!key)
        return null;
    switch (key.type) {
        case 'alias':
        case 'scalar':
        case 'double-quoted-scalar':
        case 'single-quoted-scalar':
            if (key.source.includes('\n'))
                return true;
            if (key.end)
                for (const st of key.end)
                    if (st.type === 'newline')
                        return true;
            return false;
        case 'flow-collection':
            for (const it of key.items) {
                for (const st of it.start)
                    if (st.type === 'newline')
                        return true;
                if (it.sep)
                    for (const st of it.sep)
                        if (st.type === 'newline')
                            return true;
                if (containsNewline(it.key) || containsNewline(it.value))
                    return true;
            }
            return false;
        default:
            return true;
    }
}

exports.containsNewline = containsNewline;


/***/ }),

/***/ 8407:
/***/ ((__unused_webpack_module, exports) => {



function emptyScalarPosition(offset, before, pos) {
    if (before) {
        pos ?? (pos = before.length);
        for (let i = pos - 1; i >= 0; --i) {
            let st = before[i];
            switch (st.type) {
                case 'space':
                case 'comment':
                case 'newline':
                    offset -= st.source.length;
                    continue;
            }
            // Technically, an empty scalar is immediately after the last non-empty
            // node, but it's more useful to place it after any whitespace.
            st = before[++i];
            while (st?.type === 'space') {
                offset += st.source.length;
                st = before[++i];
            }
            break;
        }
    }
    return offset;
}

exports.emptyScalarPosition = emptyScalarPosition;


/***/ }),

/***/ 1795:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var utilContainsNewline = __nccwpck_require__(4283);

function flowIndentCheck(indent, fc, onError) {
    if (fc?.type === 'flow-collection') {
        const end = fc.end[0];
        if (end.indent === indent &&
            (end.source === ']' || end.source === '}') &&
            utilContainsNewline.containsNewline(fc)) {
            const msg = 'Flow end indicator should be more indented than parent';
            onError(end, 'BAD_INDENT', msg, true);
        }
    }
}

exports.flowIndentCheck = flowIndentCheck;


/***/ }),

/***/ 1091:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(4919);

function mapIncludes(ctx, items, search) {
    const { uniqueKeys } = ctx.options;
    if (uniqueKeys === false)
        return false;
    const isEqual = typeof uniqueKeys === 'function'
        ? uniqueKeys
        : (a, b) => a === b || (identity.isScalar(a) && identity.isScalar(b) && a.value === b.value);
    return items.some(pair => isEqual(pair.key, search));
}

exports.mapIncludes = mapIncludes;


/***/ }),

/***/ 573:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Alias = __nccwpck_require__(7105);
var Collection = __nccwpck_require__(4661);
var identity = __nccwpck_require__(4919);
var Pair = __nccwpck_require__(5773);
var toJS = __nccwpck_require__(3899);
var Schema = __nccwpck_require__(8224);
var stringifyDocument = __nccwpck_require__(2285);
var anchors = __nccwpck_require__(9196);
var applyReviver = __nccwpck_require__(909);
var createNode = __nccwpck_require__(1732);
var directives = __nccwpck_require__(2606);

class Document {
    constructor(value, replacer, options) {
        /** A comment before this Document */
        this.commentBefore = null;
        /** A comment immediately after this Document */
        this.comment = null;
        /** Errors encountered during parsing. */
        this.errors = [];
        /** Warnings encountered during parsing. */
        this.warnings = [];
        Object.defineProperty(this, identity.NODE_TYPE, { value: identity.DOC });
        let _replacer = null;
        if (typeof replacer === 'function' || Array.isArray(replacer)) {
            _replacer = replacer;
        }
        else if (options === undefined && replacer) {
            options = replacer;
            replacer = undefined;
        }
        const opt = Object.assign({
            intAsBigInt: false,
            keepSourceTokens: false,
            logLevel: 'warn',
            prettyErrors: true,
            strict: true,
            stringKeys: false,
            uniqueKeys: true,
            version: '1.2'
        }, options);
        this.options = opt;
        let { version } = opt;
        if (options?._directives) {
            this.directives = options._directives.atDocument();
            if (this.directives.yaml.explicit)
                version = this.directives.yaml.version;
        }
        else
            this.directives = new directives.Directives({ version });
        this.setSchema(version, options);
        // @ts-expect-error We can't really know that this matches Contents.
        this.contents =
            value === undefined ? null : this.createNode(value, _replacer, options);
    }
    /**
     * Create a deep copy of this Document and its contents.
     *
     * Custom Node values that inherit from `Object` still refer to their original instances.
     */
    clone() {
        const copy = Object.create(Document.prototype, {
            [identity.NODE_TYPE]: { value: identity.DOC }
        });
        copy.commentBefore = this.commentBefore;
        copy.comment = this.comment;
        copy.errors = this.errors.slice();
        copy.warnings = this.warnings.slice();
        copy.options = Object.assign({}, this.options);
        if (this.directives)
            copy.directives = this.directives.clone();
        copy.schema = this.schema.clone();
        // @ts-expect-error We can't really know that this matches Contents.
        copy.contents = identity.isNode(this.contents)
            ? this.contents.clone(copy.schema)
            : this.contents;
        if (this.range)
            copy.range = this.range.slice();
        return copy;
    }
    /** Adds a value to the document. */
    add(value) {
        if (assertCollection(this.contents))
            this.contents.add(value);
    }
    /** Adds a value to the document. */
    addIn(path, value) {
        if (assertCollection(this.contents))
            this.contents.addIn(path, value);
    }
    /**
     * Create a new `Alias` node, ensuring that the target `node` has the required anchor.
     *
     * If `node` already has an anchor, `name` is ignored.
     * Otherwise, the `node.anchor` value will be set to `name`,
     * or if an anchor with that name is already present in the document,
     * `name` will be used as a prefix for a new unique anchor.
     * If `name` is undefined, the generated anchor will use 'a' as a prefix.
     */
    createAlias(node, name) {
        if (!node.anchor) {
            const prev = anchors.anchorNames(this);
            node.anchor =
                // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
                !name || prev.has(name) ? anchors.findNewAnchor(name || 'a', prev) : name;
        }
        return new Alias.Alias(node.anchor);
    }
    createNode(value, replacer, options) {
        let _replacer = undefined;
        if (typeof replacer === 'function') {
            value = replacer.call({ '': value }, '', value);
            _replacer = replacer;
        }
        else if (Array.isArray(replacer)) {
            const keyToStr = (v) => typeof v === 'number' || v instanceof String || v instanceof Number;
            const asStr = replacer.filter(keyToStr).map(String);
            if (asStr.length > 0)
                replacer = replacer.concat(asStr);
            _replacer = replacer;
        }
        else if (options === undefined && replacer) {
            options = replacer;
            replacer = undefined;
        }
        const { aliasDuplicateObjects, anchorPrefix, flow, keepUndefined, onTagObj, tag } = options ?? {};
        const { onAnchor, setAnchors, sourceObjects } = anchors.createNodeAnchors(this, 
        // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
        anchorPrefix || 'a');
        const ctx = {
            aliasDuplicateObjects: aliasDuplicateObjects ?? true,
            keepUndefined: keepUndefined ?? false,
            onAnchor,
            onTagObj,
            replacer: _replacer,
            schema: this.schema,
            sourceObjects
        };
        const node = createNode.createNode(value, tag, ctx);
        if (flow && identity.isCollection(node))
            node.flow = true;
        setAnchors();
        return node;
    }
    /**
     * Convert a key and a value into a `Pair` using the current schema,
     * recursively wrapping all values as `Scalar` or `Collection` nodes.
     */
    createPair(key, value, options = {}) {
        const k = this.createNode(key, null, options);
        const v = this.createNode(value, null, options);
        return new Pair.Pair(k, v);
    }
    /**
     * Removes a value from the document.
     * @returns `true` if the item was found and removed.
     */
    delete(key) {
        return assertCollection(this.contents) ? this.contents.delete(key) : false;
    }
    /**
     * Removes a value from the document.
     * @returns `true` if the item was found and removed.
     */
    deleteIn(path) {
        if (Collection.isEmptyPath(path)) {
            if (this.contents == null)
                return false;
            // @ts-expect-error Presumed impossible if Strict extends false
            this.contents = null;
            return true;
        }
        return assertCollection(this.contents)
            ? this.contents.deleteIn(path)
            : false;
    }
    /**
     * Returns item at `key`, or `undefined` if not found. By default unwraps
     * scalar values from their surrounding node; to disable set `keepScalar` to
     * `true` (collections are always returned intact).
     */
    get(key, keepScalar) {
        return identity.isCollection(this.contents)
            ? this.contents.get(key, keepScalar)
            : undefined;
    }
    /**
     * Returns item at `path`, or `undefined` if not found. By default unwraps
     * scalar values from their surrounding node; to disable set `keepScalar` to
     * `true` (collections are always returned intact).
     */
    getIn(path, keepScalar) {
        if (Collection.isEmptyPath(path))
            return !keepScalar && identity.isScalar(this.contents)
                ? this.contents.value
                : this.contents;
        return identity.isCollection(this.contents)
            ? this.contents.getIn(path, keepScalar)
            : undefined;
    }
    /**
     * Checks if the document includes a value with the key `key`.
     */
    has(key) {
        return identity.isCollection(this.contents) ? this.contents.has(key) : false;
    }
    /**
     * Checks if the document includes a value at `path`.
     */
    hasIn(path) {
        if (Collection.isEmptyPath(path))
            return this.contents !== undefined;
        return identity.isCollection(this.contents) ? this.contents.hasIn(path) : false;
    }
    /**
     * Sets a value in this document. For `!!set`, `value` needs to be a
     * boolean to add/remove the item from the set.
     */
    set(key, value) {
        if (this.contents == null) {
            // @ts-expect-error We can't really know that this matches Contents.
            this.contents = Collection.collectionFromPath(this.schema, [key], value);
        }
        else if (assertCollection(this.contents)) {
            this.contents.set(key, value);
        }
    }
    /**
     * Sets a value in this document. For `!!set`, `value` needs to be a
     * boolean to add/remove the item from the set.
     */
    setIn(path, value) {
        if (Collection.isEmptyPath(path)) {
            // @ts-expect-error We can't really know that this matches Contents.
            this.contents = value;
        }
        else if (this.contents == null) {
            // @ts-expect-error We can't really know that this matches Contents.
            this.contents = Collection.collectionFromPath(this.schema, Array.from(path), value);
        }
        else if (assertCollection(this.contents)) {
            this.contents.setIn(path, value);
        }
    }
    /**
     * Change the YAML version and schema used by the document.
     * A `null` version disables support for directives, explicit tags, anchors, and aliases.
     * It also requires the `schema` option to be given as a `Schema` instance value.
     *
     * Overrides all previously set schema options.
     */
    setSchema(version, options = {}) {
        if (typeof version === 'number')
            version = String(version);
        let opt;
        switch (version) {
            case '1.1':
                if (this.directives)
                    this.directives.yaml.version = '1.1';
                else
                    this.directives = new directives.Directives({ version: '1.1' });
                opt = { resolveKnownTags: false, schema: 'yaml-1.1' };
                break;
            case '1.2':
            case 'next':
                if (this.directives)
                    this.directives.yaml.version = version;
                else
                    this.directives = new directives.Directives({ version });
                opt = { resolveKnownTags: true, schema: 'core' };
                break;
            case null:
                if (this.directives)
                    delete this.directives;
                opt = null;
                break;
            default: {
                const sv = JSON.stringify(version);
                throw new Error(`Expected '1.1', '1.2' or null as first argument, but found: ${sv}`);
            }
        }
        // Not using `instanceof Schema` to allow for duck typing
        if (options.schema instanceof Object)
            this.schema = options.schema;
        else if (opt)
            this.schema = new Schema.Schema(Object.assign(opt, options));
        else
            throw new Error(`With a null YAML version, the { schema: Schema } option is required`);
    }
    // json & jsonArg are only used from toJSON()
    toJS({ json, jsonArg, mapAsMap, maxAliasCount, onAnchor, reviver } = {}) {
        const ctx = {
            anchors: new Map(),
            doc: this,
            keep: !json,
            mapAsMap: mapAsMap === true,
            mapKeyWarned: false,
            maxAliasCount: typeof maxAliasCount === 'number' ? maxAliasCount : 100
        };
        const res = toJS.toJS(this.contents, jsonArg ?? '', ctx);
        if (typeof onAnchor === 'function')
            for (const { count, res } of ctx.anchors.values())
                onAnchor(res, count);
        return typeof reviver === 'function'
            ? applyReviver.applyReviver(reviver, { '': res }, '', res)
            : res;
    }
    /**
     * A JSON representation of the document `contents`.
     *
     * @param jsonArg Used by `JSON.stringify` to indicate the array index or
     *   property name.
     */
    toJSON(jsonArg, onAnchor) {
        return this.toJS({ json: true, jsonArg, mapAsMap: false, onAnchor });
    }
    /** A YAML representation of the document. */
    toString(options = {}) {
        if (this.errors.length > 0)
            throw new Error('Document with errors cannot be stringified');
        if ('indent' in options &&
            (!Number.isInteger(options.indent) || Number(options.indent) <= 0)) {
            const s = JSON.stringify(options.indent);
            throw new Error(`"indent" option must be a positive integer, not ${s}`);
        }
        return stringifyDocument.stringifyDocument(this, options);
    }
}
function assertCollection(contents) {
    if (identity.isCollection(contents))
        return true;
    throw new Error('Expected a YAML collection as document contents');
}

exports.Document = Document;


/***/ }),

/***/ 9196:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(4919);
var visit = __nccwpck_require__(2588);

/**
 * Verify that the input string is a valid anchor.
 *
 * Will throw on errors.
 */
function anchorIsValid(anchor) {
    if (/[\x00-\x19\s,[\]{}]/.test(anchor)) {
        const sa = JSON.stringify(anchor);
        const msg = `Anchor must not contain whitespace or control characters: ${sa}`;
        throw new Error(msg);
    }
    return true;
}
function anchorNames(root) {
    const anchors = new Set();
    visit.visit(root, {
        Value(_key, node) {
            if (node.anchor)
                anchors.add(node.anchor);
        }
    });
    return anchors;
}
/** Find a new anchor name with the given `prefix` and a one-indexed suffix. */
function findNewAnchor(prefix, exclude) {
    for (let i = 1; true; ++i) {
        const name = `${prefix}${i}`;
        if (!exclude.has(name))
            return name;
    }
}
function createNodeAnchors(doc, prefix) {
    const aliasObjects = [];
    const sourceObjects = new Map();
    let prevAnchors = null;
    return {
        onAnchor: (source) => {
            aliasObjects.push(source);
            prevAnchors ?? (prevAnchors = anchorNames(doc));
            const anchor = findNewAnchor(prefix, prevAnchors);
            prevAnchors.add(anchor);
            return anchor;
        },
        /**
         * With circular references, the source node is only resolved after all
         * of its child nodes are. This is why anchors are set only after all of
         * the nodes have been created.
         */
        setAnchors: () => {
            for (const source of aliasObjects) {
                const ref = sourceObjects.get(source);
                if (typeof ref === 'object' &&
                    ref.anchor &&
                    (identity.isScalar(ref.node) || identity.isCollection(ref.node))) {
                    ref.node.anchor = ref.anchor;
                }
                else {
                    const error = new Error('Failed to resolve repeated object (this should not happen)');
                    error.source = source;
                    throw error;
                }
            }
        },
        sourceObjects
    };
}

exports.anchorIsValid = anchorIsValid;
exports.anchorNames = anchorNames;
exports.createNodeAnchors = createNodeAnchors;
exports.findNewAnchor = findNewAnchor;


/***/ }),

/***/ 909:
/***/ ((__unused_webpack_module, exports) => {



/**
 * Applies the JSON.parse reviver algorithm as defined in the ECMA-262 spec,
 * in section 24.5.1.1 "Runtime Semantics: InternalizeJSONProperty" of the
 * 2021 edition: https://tc39.es/ecma262/#sec-json.parse
 *
 * Includes extensions for handling Map and Set objects.
 */
function applyReviver(reviver, obj, key, val) {
    if (val && typeof val === 'object') {
        if (Array.isArray(val)) {
            for (let i = 0, len = val.length; i < len; ++i) {
                const v0 = val[i];
                const v1 = applyReviver(reviver, val, String(i), v0);
                // eslint-disable-next-line @typescript-eslint/no-array-delete
                if (v1 === undefined)
                    delete val[i];
                else if (v1 !== v0)
                    val[i] = v1;
            }
        }
        else if (val instanceof Map) {
            for (const k of Array.from(val.keys())) {
                const v0 = val.get(k);
                const v1 = applyReviver(reviver, val, k, v0);
                if (v1 === undefined)
                    val.delete(k);
                else if (v1 !== v0)
                    val.set(k, v1);
            }
        }
        else if (val instanceof Set) {
            for (const v0 of Array.from(val)) {
                const v1 = applyReviver(reviver, val, v0, v0);
                if (v1 === undefined)
                    val.delete(v0);
                else if (v1 !== v0) {
                    val.delete(v0);
                    val.add(v1);
                }
            }
        }
        else {
            for (const [k, v0] of Object.entries(val)) {
                const v1 = applyReviver(reviver, val, k, v0);
                if (v1 === undefined)
                    delete val[k];
                else if (v1 !== v0)
                    val[k] = v1;
            }
        }
    }
    return reviver.call(obj, key, val);
}

exports.applyReviver = applyReviver;


/***/ }),

/***/ 1732:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Alias = __nccwpck_require__(7105);
var identity = __nccwpck_require__(4919);
var Scalar = __nccwpck_require__(389);

const defaultTagPrefix = 'tag:yaml.org,2002:';
function findTagObject(value, tagName, tags) {
    if (tagName) {
        const match = tags.filter(t => t.tag === tagName);
        const tagObj = match.find(t => !t.format) ?? match[0];
        if (!tagObj)
            throw new Error(`Tag ${tagName} not found`);
        return tagObj;
    }
    return tags.find(t => t.identify?.(value) && !t.format);
}
function createNode(value, tagName, ctx) {
    if (identity.isDocument(value))
        value = value.contents;
    if (identity.isNode(value))
        return value;
    if (identity.isPair(value)) {
        const map = ctx.schema[identity.MAP].createNode?.(ctx.schema, null, ctx);
        map.items.push(value);
        return map;
    }
    if (value instanceof String ||
        value instanceof Number ||
        value instanceof Boolean ||
        (typeof BigInt !== 'undefined' && value instanceof BigInt) // not supported everywhere
    ) {
        // https://tc39.es/ecma262/#sec-serializejsonproperty
        value = value.valueOf();
    }
    const { aliasDuplicateObjects, onAnchor, onTagObj, schema, sourceObjects } = ctx;
    // Detect duplicate references to the same object & use Alias nodes for all
    // after first. The `ref` wrapper allows for circular references to resolve.
    let ref = undefined;
    if (aliasDuplicateObjects && value && typeof value === 'object') {
        ref = sourceObjects.get(value);
        if (ref) {
            ref.anchor ?? (ref.anchor = onAnchor(value));
            return new Alias.Alias(ref.anchor);
        }
        else {
            ref = { anchor: null, node: null };
            sourceObjects.set(value, ref);
        }
    }
    if (tagName?.startsWith('!!'))
        tagName = defaultTagPrefix + tagName.slice(2);
    let tagObj = findTagObject(value, tagName, schema.tags);
    if (!tagObj) {
        if (value && typeof value.toJSON === 'function') {
            // eslint-disable-next-line @typescript-eslint/no-unsafe-call
            value = value.toJSON();
        }
        if (!value || typeof value !== 'object') {
            const node = new Scalar.Scalar(value);
            if (ref)
                ref.node = node;
            return node;
        }
        tagObj =
            value instanceof Map
                ? schema[identity.MAP]
                : Symbol.iterator in Object(value)
                    ? schema[identity.SEQ]
                    : schema[identity.MAP];
    }
    if (onTagObj) {
        onTagObj(tagObj);
        delete ctx.onTagObj;
    }
    const node = tagObj?.createNode
        ? tagObj.createNode(ctx.schema, value, ctx)
        : typeof tagObj?.nodeClass?.from === 'function'
            ? tagObj.nodeClass.from(ctx.schema, value, ctx)
            : new Scalar.Scalar(value);
    if (tagName)
        node.tag = tagName;
    else if (!tagObj.default)
        node.tag = tagObj.tag;
    if (ref)
        ref.node = node;
    return node;
}

exports.createNode = createNode;


/***/ }),

/***/ 2606:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(4919);
var visit = __nccwpck_require__(2588);

const escapeChars = {
    '!': '%21',
    ',': '%2C',
    '[': '%5B',
    ']': '%5D',
    '{': '%7B',
    '}': '%7D'
};
const escapeTagName = (tn) => tn.replace(/[!,[\]{}]/g, ch => escapeChars[ch]);
class Directives {
    constructor(yaml, tags) {
        /**
         * The directives-end/doc-start marker `---`. If `null`, a marker may still be
         * included in the document's stringified representation.
         */
        this.docStart = null;
        /** The doc-end marker `...`.  */
        this.docEnd = false;
        this.yaml = Object.assign({}, Directives.defaultYaml, yaml);
        this.tags = Object.assign({}, Directives.defaultTags, tags);
    }
    clone() {
        const copy = new Directives(this.yaml, this.tags);
        copy.docStart = this.docStart;
        return copy;
    }
    /**
     * During parsing, get a Directives instance for the current document and
     * update the stream state according to the current version's spec.
     */
    atDocument() {
        const res = new Directives(this.yaml, this.tags);
        switch (this.yaml.version) {
            case '1.1':
                this.atNextDocument = true;
                break;
            case '1.2':
                this.atNextDocument = false;
                this.yaml = {
                    explicit: Directives.defaultYaml.explicit,
                    version: '1.2'
                };
                this.tags = Object.assign({}, Directives.defaultTags);
                break;
        }
        return res;
    }
    /**
     * @param onError - May be called even if the action was successful
     * @returns `true` on success
     */
    add(line, onError) {
        if (this.atNextDocument) {
            this.yaml = { explicit: Directives.defaultYaml.explicit, version: '1.1' };
            this.tags = Object.assign({}, Directives.defaultTags);
            this.atNextDocument = false;
        }
        const parts = line.trim().split(/[ \t]+/);
        const name = parts.shift();
        switch (name) {
            case '%TAG': {
                if (parts.length !== 2) {
                    onError(0, '%TAG directive should contain exactly two parts');
                    if (parts.length < 2)
                        return false;
                }
                const [handle, prefix] = parts;
                this.tags[handle] = prefix;
                return true;
            }
            case '%YAML': {
                this.yaml.explicit = true;
                if (parts.length !== 1) {
                    onError(0, '%YAML directive should contain exactly one part');
                    return false;
                }
                const [version] = parts;
                if (version === '1.1' || version === '1.2') {
                    this.yaml.version = version;
                    return true;
                }
                else {
                    const isValid = /^\d+\.\d+$/.test(version);
                    onError(6, `Unsupported YAML version ${version}`, isValid);
                    return false;
                }
            }
            default:
                onError(0, `Unknown directive ${name}`, true);
                return false;
        }
    }
    /**
     * Resolves a tag, matching handles to those defined in %TAG directives.
     *
     * @returns Resolved tag, which may also be the non-specific tag `'!'` or a
     *   `'!local'` tag, or `null` if unresolvable.
     */
    tagName(source, onError) {
        if (source === '!')
            return '!'; // non-specific tag
        if (source[0] !== '!') {
            onError(`Not a valid tag: ${source}`);
            return null;
        }
        if (source[1] === '<') {
            const verbatim = source.slice(2, -1);
            if (verbatim === '!' || verbatim === '!!') {
                onError(`Verbatim tags aren't resolved, so ${source} is invalid.`);
                return null;
            }
            if (source[source.length - 1] !== '>')
                onError('Verbatim tags must end with a >');
            return verbatim;
        }
        const [, handle, suffix] = source.match(/^(.*!)([^!]*)$/s);
        if (!suffix)
            onError(`The ${source} tag has no suffix`);
        const prefix = this.tags[handle];
        if (prefix) {
            try {
                return prefix + decodeURIComponent(suffix);
            }
            catch (error) {
                onError(String(error));
                return null;
            }
        }
        if (handle === '!')
            return source; // local tag
        onError(`Could not resolve tag: ${source}`);
        return null;
    }
    /**
     * Given a fully resolved tag, returns its printable string form,
     * taking into account current tag prefixes and defaults.
     */
    tagString(tag) {
        for (const [handle, prefix] of Object.entries(this.tags)) {
            if (tag.startsWith(prefix))
                return handle + escapeTagName(tag.substring(prefix.length));
        }
        return tag[0] === '!' ? tag : `!<${tag}>`;
    }
    toString(doc) {
        const lines = this.yaml.explicit
            ? [`%YAML ${this.yaml.version || '1.2'}`]
            : [];
        const tagEntries = Object.entries(this.tags);
        let tagNames;
        if (doc && tagEntries.length > 0 && identity.isNode(doc.contents)) {
            const tags = {};
            visit.visit(doc.contents, (_key, node) => {
                if (identity.isNode(node) && node.tag)
                    tags[node.tag] = true;
            });
            tagNames = Object.keys(tags);
        }
        else
            tagNames = [];
        for (const [handle, prefix] of tagEntries) {
            if (handle === '!!' && prefix === 'tag:yaml.org,2002:')
                continue;
            if (!doc || tagNames.some(tn => tn.startsWith(prefix)))
                lines.push(`%TAG ${handle} ${prefix}`);
        }
        return lines.join('\n');
    }
}
Directives.defaultYaml = { explicit: false, version: '1.2' };
Directives.defaultTags = { '!!': 'tag:yaml.org,2002:' };

exports.Directives = Directives;


/***/ }),

/***/ 152:
/***/ ((__unused_webpack_module, exports) => {



class YAMLError extends Error {
    constructor(name, pos, code, message) {
        super();
        this.name = name;
        this.code = code;
        this.message = message;
        this.pos = pos;
    }
}
class YAMLParseError extends YAMLError {
    constructor(pos, code, message) {
        super('YAMLParseError', pos, code, message);
    }
}
class YAMLWarning extends YAMLError {
    constructor(pos, code, message) {
        super('YAMLWarning', pos, code, message);
    }
}
const prettifyError = (src, lc) => (error) => {
    if (error.pos[0] === -1)
        return;
    error.linePos = error.pos.map(pos => lc.linePos(pos));
    const { line, col } = error.linePos[0];
    error.message += ` at line ${line}, column ${col}`;
    let ci = col - 1;
    let lineStr = src
        .substring(lc.lineStarts[line - 1], lc.lineStarts[line])
        .replace(/[\n\r]+$/, '');
    // Trim to max 80 chars, keeping col position near the middle
    if (ci >= 60 && lineStr.length > 80) {
        const trimStart = Math.min(ci - 39, lineStr.length - 79);
        lineStr = '…' + lineStr.substring(trimStart);
        ci -= trimStart - 1;
    }
    if (lineStr.length > 80)
        lineStr = lineStr.substring(0, 79) + '…';
    // Include previous line in context if pointing at line start
    if (line > 1 && /^ *$/.test(lineStr.substring(0, ci))) {
        // Regexp won't match if start is trimmed
        let prev = src.substring(lc.lineStarts[line - 2], lc.lineStarts[line - 1]);
        if (prev.length > 80)
            prev = prev.substring(0, 79) + '…\n';
        lineStr = prev + lineStr;
    }
    if (/[^ ]/.test(lineStr)) {
        let count = 1;
        const end = error.linePos[1];
        if (end?.line === line && end.col > col) {
            count = Math.max(1, Math.min(end.col - col, 80 - ci));
        }
        const pointer = ' '.repeat(ci) + '^'.repeat(count);
        error.message += `:\n\n${lineStr}\n${pointer}\n`;
    }
};

exports.YAMLError = YAMLError;
exports.YAMLParseError = YAMLParseError;
exports.YAMLWarning = YAMLWarning;
exports.prettifyError = prettifyError;


/***/ }),

/***/ 3439:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {

var __webpack_unused_export__;


var composer = __nccwpck_require__(3104);
var Document = __nccwpck_require__(573);
var Schema = __nccwpck_require__(8224);
var errors = __nccwpck_require__(152);
var Alias = __nccwpck_require__(7105);
var identity = __nccwpck_require__(4919);
var Pair = __nccwpck_require__(5773);
var Scalar = __nccwpck_require__(389);
var YAMLMap = __nccwpck_require__(5462);
var YAMLSeq = __nccwpck_require__(6831);
var cst = __nccwpck_require__(9877);
var lexer = __nccwpck_require__(5145);
var lineCounter = __nccwpck_require__(1460);
var parser = __nccwpck_require__(2064);
var publicApi = __nccwpck_require__(4543);
var visit = __nccwpck_require__(2588);



__webpack_unused_export__ = composer.Composer;
__webpack_unused_export__ = Document.Document;
__webpack_unused_export__ = Schema.Schema;
__webpack_unused_export__ = errors.YAMLError;
__webpack_unused_export__ = errors.YAMLParseError;
__webpack_unused_export__ = errors.YAMLWarning;
__webpack_unused_export__ = Alias.Alias;
__webpack_unused_export__ = identity.isAlias;
__webpack_unused_export__ = identity.isCollection;
__webpack_unused_export__ = identity.isDocument;
__webpack_unused_export__ = identity.isMap;
__webpack_unused_export__ = identity.isNode;
__webpack_unused_export__ = identity.isPair;
__webpack_unused_export__ = identity.isScalar;
__webpack_unused_export__ = identity.isSeq;
__webpack_unused_export__ = Pair.Pair;
__webpack_unused_export__ = Scalar.Scalar;
__webpack_unused_export__ = YAMLMap.YAMLMap;
__webpack_unused_export__ = YAMLSeq.YAMLSeq;
__webpack_unused_export__ = cst;
__webpack_unused_export__ = lexer.Lexer;
__webpack_unused_export__ = lineCounter.LineCounter;
__webpack_unused_export__ = parser.Parser;
exports.qg = publicApi.parse;
__webpack_unused_export__ = publicApi.parseAllDocuments;
__webpack_unused_export__ = publicApi.parseDocument;
__webpack_unused_export__ = publicApi.stringify;
__webpack_unused_export__ = visit.visit;
__webpack_unused_export__ = visit.visitAsync;


/***/ }),

/***/ 7297:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var node_process = __nccwpck_require__(932);

function debug(logLevel, ...messages) {
    if (logLevel === 'debug')
        console.log(...messages);
}
function warn(logLevel, warning) {
    if (logLevel === 'debug' || logLevel === 'warn') {
        if (typeof node_process.emitWarning === 'function')
            node_process.emitWarning(warning);
        else
            console.warn(warning);
    }
}

exports.debug = debug;
exports.warn = warn;


/***/ }),

/***/ 7105:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var anchors = __nccwpck_require__(9196);
var visit = __nccwpck_require__(2588);
var identity = __nccwpck_require__(4919);
var Node = __nccwpck_require__(4833);
var toJS = __nccwpck_require__(3899);

class Alias extends Node.NodeBase {
    constructor(source) {
        super(identity.ALIAS);
        this.source = source;
        Object.defineProperty(this, 'tag', {
            set() {
                throw new Error('Alias nodes cannot have tags');
            }
        });
    }
    /**
     * Resolve the value of this alias within `doc`, finding the last
     * instance of the `source` anchor before this node.
     */
    resolve(doc, ctx) {
        if (ctx?.maxAliasCount === 0)
            throw new ReferenceError('Alias resolution is disabled');
        let nodes;
        if (ctx?.aliasResolveCache) {
            nodes = ctx.aliasResolveCache;
        }
        else {
            nodes = [];
            visit.visit(doc, {
                Node: (_key, node) => {
                    if (identity.isAlias(node) || identity.hasAnchor(node))
                        nodes.push(node);
                }
            });
            if (ctx)
                ctx.aliasResolveCache = nodes;
        }
        let found = undefined;
        for (const node of nodes) {
            if (node === this)
                break;
            if (node.anchor === this.source)
                found = node;
        }
        if (found && ctx) {
            const { anchors, doc, maxAliasCount } = ctx;
            let data = anchors.get(found);
            if (!data) {
                // Resolve anchors for Node.prototype.toJS()
                toJS.toJS(found, null, ctx);
                data = anchors.get(found);
            }
            /* istanbul ignore if */
            if (data?.res === undefined) {
                const msg = 'This should not happen: Alias anchor was not resolved?';
                throw new ReferenceError(msg);
            }
            if (maxAliasCount >= 0) {
                data.count += 1;
                if (data.aliasCount === 0)
                    data.aliasCount = getAliasCount(doc, found, anchors);
                if (data.count * data.aliasCount > maxAliasCount) {
                    const msg = 'Excessive alias count indicates a resource exhaustion attack';
                    throw new ReferenceError(msg);
                }
            }
        }
        return found;
    }
    toJSON(_arg, ctx) {
        if (!ctx)
            return { source: this.source };
        const source = this.resolve(ctx.doc, ctx);
        if (!source) {
            const msg = `Unresolved alias (the anchor must be set before the alias): ${this.source}`;
            throw new ReferenceError(msg);
        }
        return ctx.anchors.get(source).res;
    }
    toString(ctx, _onComment, _onChompKeep) {
        const src = `*${this.source}`;
        if (ctx) {
            anchors.anchorIsValid(this.source);
            if (ctx.options.verifyAliasOrder && !ctx.anchors.has(this.source)) {
                const msg = `Unresolved alias (the anchor must be set before the alias): ${this.source}`;
                throw new Error(msg);
            }
            if (ctx.implicitKey)
                return `${src} `;
        }
        return src;
    }
}
function getAliasCount(doc, node, anchors) {
    if (identity.isAlias(node)) {
        const source = node.resolve(doc);
        const anchor = anchors && source && anchors.get(source);
        return anchor ? anchor.count * anchor.aliasCount : 0;
    }
    else if (identity.isCollection(node)) {
        let count = 0;
        for (const item of node.items) {
            const c = getAliasCount(doc, item, anchors);
            if (c > count)
                count = c;
        }
        return count;
    }
    else if (identity.isPair(node)) {
        const kc = getAliasCount(doc, node.key, anchors);
        const vc = getAliasCount(doc, node.value, anchors);
        return Math.max(kc, vc);
    }
    return 1;
}

exports.Alias = Alias;


/***/ }),

/***/ 4661:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var createNode = __nccwpck_require__(1732);
var identity = __nccwpck_require__(4919);
var Node = __nccwpck_require__(4833);

function collectionFromPath(schema, path, value) {
    let v = value;
    for (let i = path.length - 1; i >= 0; --i) {
        const k = path[i];
        if (typeof k === 'number' && Number.isInteger(k) && k >= 0) {
            const a = [];
            a[k] = v;
            v = a;
        }
        else {
            v = new Map([[k, v]]);
        }
    }
    return createNode.createNode(v, undefined, {
        aliasDuplicateObjects: false,
        keepUndefined: false,
        onAnchor: () => {
            throw new Error('This should not happen, please report a bug.');
        },
        schema,
        sourceObjects: new Map()
    });
}
// Type guard is intentionally a little wrong so as to be more useful,
// as it does not cover untypable empty non-string iterables (e.g. []).
const isEmptyPath = (path) => path == null ||
    (typeof path === 'object' && !!path[Symbol.iterator]().next().done);
class Collection extends Node.NodeBase {
    constructor(type, schema) {
        super(type);
        Object.defineProperty(this, 'schema', {
            value: schema,
            configurable: true,
            enumerable: false,
            writable: true
        });
    }
    /**
     * Create a copy of this collection.
     *
     * @param schema - If defined, overwrites the original's schema
     */
    clone(schema) {
        const copy = Object.create(Object.getPrototypeOf(this), Object.getOwnPropertyDescriptors(this));
        if (schema)
            copy.schema = schema;
        copy.items = copy.items.map(it => identity.isNode(it) || identity.isPair(it) ? it.clone(schema) : it);
        if (this.range)
            copy.range = this.range.slice();
        return copy;
    }
    /**
     * Adds a value to the collection. For `!!map` and `!!omap` the value must
     * be a Pair instance or a `{ key, value }` object, which may not have a key
     * that already exists in the map.
     */
    addIn(path, value) {
        if (isEmptyPath(path))
            this.add(value);
        else {
            const [key, ...rest] = path;
            const node = this.get(key, true);
            if (identity.isCollection(node))
                node.addIn(rest, value);
            else if (node === undefined && this.schema)
                this.set(key, collectionFromPath(this.schema, rest, value));
            else
                throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
        }
    }
    /**
     * Removes a value from the collection.
     * @returns `true` if the item was found and removed.
     */
    deleteIn(path) {
        const [key, ...rest] = path;
        if (rest.length === 0)
            return this.delete(key);
        const node = this.get(key, true);
        if (identity.isCollection(node))
            return node.deleteIn(rest);
        else
            throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
    }
    /**
     * Returns item at `key`, or `undefined` if not found. By default unwraps
     * scalar values from their surrounding node; to disable set `keepScalar` to
     * `true` (collections are always returned intact).
     */
    getIn(path, keepScalar) {
        const [key, ...rest] = path;
        const node = this.get(key, true);
        if (rest.length === 0)
            return !keepScalar && identity.isScalar(node) ? node.value : node;
        else
            return identity.isCollection(node) ? node.getIn(rest, keepScalar) : undefined;
    }
    hasAllNullValues(allowScalar) {
        return this.items.every(node => {
            if (!identity.isPair(node))
                return false;
            const n = node.value;
            return (n == null ||
                (allowScalar &&
                    identity.isScalar(n) &&
                    n.value == null &&
                    !n.commentBefore &&
                    !n.comment &&
                    !n.tag));
        });
    }
    /**
     * Checks if the collection includes a value with the key `key`.
     */
    hasIn(path) {
        const [key, ...rest] = path;
        if (rest.length === 0)
            return this.has(key);
        const node = this.get(key, true);
        return identity.isCollection(node) ? node.hasIn(rest) : false;
    }
    /**
     * Sets a value in this collection. For `!!set`, `value` needs to be a
     * boolean to add/remove the item from the set.
     */
    setIn(path, value) {
        const [key, ...rest] = path;
        if (rest.length === 0) {
            this.set(key, value);
        }
        else {
            const node = this.get(key, true);
            if (identity.isCollection(node))
                node.setIn(rest, value);
            else if (node === undefined && this.schema)
                this.set(key, collectionFromPath(this.schema, rest, value));
            else
                throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
        }
    }
}

exports.Collection = Collection;
exports.collectionFromPath = collectionFromPath;
exports.isEmptyPath = isEmptyPath;


/***/ }),

/***/ 4833:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var applyReviver = __nccwpck_require__(909);
var identity = __nccwpck_require__(4919);
var toJS = __nccwpck_require__(3899);

class NodeBase {
    constructor(type) {
        Object.defineProperty(this, identity.NODE_TYPE, { value: type });
    }
    /** Create a copy of this node.  */
    clone() {
        const copy = Object.create(Object.getPrototypeOf(this), Object.getOwnPropertyDescriptors(this));
        if (this.range)
            copy.range = this.range.slice();
        return copy;
    }
    /** A plain JavaScript representation of this node. */
    toJS(doc, { mapAsMap, maxAliasCount, onAnchor, reviver } = {}) {
        if (!identity.isDocument(doc))
            throw new TypeError('A document argument is required');
        const ctx = {
            anchors: new Map(),
            doc,
            keep: true,
            mapAsMap: mapAsMap === true,
            mapKeyWarned: false,
            maxAliasCount: typeof maxAliasCount === 'number' ? maxAliasCount : 100
        };
        const res = toJS.toJS(this, '', ctx);
        if (typeof onAnchor === 'function')
            for (const { count, res } of ctx.anchors.values())
                onAnchor(res, count);
        return typeof reviver === 'function'
            ? applyReviver.applyReviver(reviver, { '': res }, '', res)
            : res;
    }
}

exports.NodeBase = NodeBase;


/***/ }),

/***/ 5773:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var createNode = __nccwpck_require__(1732);
var stringifyPair = __nccwpck_require__(7764);
var addPairToJSMap = __nccwpck_require__(8768);
var identity = __nccwpck_require__(4919);

function createPair(key, value, ctx) {
    const k = createNode.createNode(key, undefined, ctx);
    const v = createNode.createNode(value, undefined, ctx);
    return new Pair(k, v);
}
class Pair {
    constructor(key, value = null) {
        Object.defineProperty(this, identity.NODE_TYPE, { value: identity.PAIR });
        this.key = key;
        this.value = value;
    }
    clone(schema) {
        let { key, value } = this;
        if (identity.isNode(key))
            key = key.clone(schema);
        if (identity.isNode(value))
            value = value.clone(schema);
        return new Pair(key, value);
    }
    toJSON(_, ctx) {
        const pair = ctx?.mapAsMap ? new Map() : {};
        return addPairToJSMap.addPairToJSMap(ctx, pair, this);
    }
    toString(ctx, onComment, onChompKeep) {
        return ctx?.doc
            ? stringifyPair.stringifyPair(this, ctx, onComment, onChompKeep)
            : JSON.stringify(this);
    }
}

exports.Pair = Pair;
exports.createPair = createPair;


/***/ }),

/***/ 389:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(4919);
var Node = __nccwpck_require__(4833);
var toJS = __nccwpck_require__(3899);

const isScalarValue = (value) => !value || (typeof value !== 'function' && typeof value !== 'object');
class Scalar extends Node.NodeBase {
    constructor(value) {
        super(identity.SCALAR);
        this.value = value;
    }
    toJSON(arg, ctx) {
        return ctx?.keep ? this.value : toJS.toJS(this.value, arg, ctx);
    }
    toString() {
        return String(this.value);
    }
}
Scalar.BLOCK_FOLDED = 'BLOCK_FOLDED';
Scalar.BLOCK_LITERAL = 'BLOCK_LITERAL';
Scalar.PLAIN = 'PLAIN';
Scalar.QUOTE_DOUBLE = 'QUOTE_DOUBLE';
Scalar.QUOTE_SINGLE = 'QUOTE_SINGLE';

exports.Scalar = Scalar;
exports.isScalarValue = isScalarValue;


/***/ }),

/***/ 5462:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var stringifyCollection = __nccwpck_require__(4156);
var addPairToJSMap = __nccwpck_require__(8768);
var Collection = __nccwpck_require__(4661);
var identity = __nccwpck_require__(4919);
var Pair = __nccwpck_require__(5773);
var Scalar = __nccwpck_require__(389);

function findPair(items, key) {
    const k = identity.isScalar(key) ? key.value : key;
    for (const it of items) {
        if (identity.isPair(it)) {
            if (it.key === key || it.key === k)
                return it;
            if (identity.isScalar(it.key) && it.key.value === k)
                return it;
        }
    }
    return undefined;
}
class YAMLMap extends Collection.Collection {
    static get tagName() {
        return 'tag:yaml.org,2002:map';
    }
    constructor(schema) {
        super(identity.MAP, schema);
        this.items = [];
    }
    /**
     * A generic collection parsing method that can be extended
     * to other node classes that inherit from YAMLMap
     */
    static from(schema, obj, ctx) {
        const { keepUndefined, replacer } = ctx;
        const map = new this(schema);
        const add = (key, value) => {
            if (typeof replacer === 'function')
                value = replacer.call(obj, key, value);
            else if (Array.isArray(replacer) && !replacer.includes(key))
                return;
            if (value !== undefined || keepUndefined)
                map.items.push(Pair.createPair(key, value, ctx));
        };
        if (obj instanceof Map) {
            for (const [key, value] of obj)
                add(key, value);
        }
        else if (obj && typeof obj === 'object') {
            for (const key of Object.keys(obj))
                add(key, obj[key]);
        }
        if (typeof schema.sortMapEntries === 'function') {
            map.items.sort(schema.sortMapEntries);
        }
        return map;
    }
    /**
     * Adds a value to the collection.
     *
     * @param overwrite - If not set `true`, using a key that is already in the
     *   collection will throw. Otherwise, overwrites the previous value.
     */
    add(pair, overwrite) {
        let _pair;
        if (identity.isPair(pair))
            _pair = pair;
        else if (!pair || typeof pair !== 'object' || !('key' in pair)) {
            // In TypeScript, this never happens.
            _pair = new Pair.Pair(pair, pair?.value);
        }
        else
            _pair = new Pair.Pair(pair.key, pair.value);
        const prev = findPair(this.items, _pair.key);
        const sortEntries = this.schema?.sortMapEntries;
        if (prev) {
            if (!overwrite)
                throw new Error(`Key ${_pair.key} already set`);
            // For scalars, keep the old node & its comments and anchors
            if (identity.isScalar(prev.value) && Scalar.isScalarValue(_pair.value))
                prev.value.value = _pair.value;
            else
                prev.value = _pair.value;
        }
        else if (sortEntries) {
            const i = this.items.findIndex(item => sortEntries(_pair, item) < 0);
            if (i === -1)
                this.items.push(_pair);
            else
                this.items.splice(i, 0, _pair);
        }
        else {
            this.items.push(_pair);
        }
    }
    delete(key) {
        const it = findPair(this.items, key);
        if (!it)
            return false;
        const del = this.items.splice(this.items.indexOf(it), 1);
        return del.length > 0;
    }
    get(key, keepScalar) {
        const it = findPair(this.items, key);
        const node = it?.value;
        return (!keepScalar && identity.isScalar(node) ? node.value : node) ?? undefined;
    }
    has(key) {
        return !!findPair(this.items, key);
    }
    set(key, value) {
        this.add(new Pair.Pair(key, value), true);
    }
    /**
     * @param ctx - Conversion context, originally set in Document#toJS()
     * @param {Class} Type - If set, forces the returned collection type
     * @returns Instance of Type, Map, or Object
     */
    toJSON(_, ctx, Type) {
        const map = Type ? new Type() : ctx?.mapAsMap ? new Map() : {};
        if (ctx?.onCreate)
            ctx.onCreate(map);
        for (const item of this.items)
            addPairToJSMap.addPairToJSMap(ctx, map, item);
        return map;
    }
    toString(ctx, onComment, onChompKeep) {
        if (!ctx)
            return JSON.stringify(this);
        for (const item of this.items) {
            if (!identity.isPair(item))
                throw new Error(`Map items must all be pairs; found ${JSON.stringify(item)} instead`);
        }
        if (!ctx.allNullValues && this.hasAllNullValues(false))
            ctx = Object.assign({}, ctx, { allNullValues: true });
        return stringifyCollection.stringifyCollection(this, ctx, {
            blockItemPrefix: '',
            flowChars: { start: '{', end: '}' },
            itemIndent: ctx.indent || '',
            onChompKeep,
            onComment
        });
    }
}

exports.YAMLMap = YAMLMap;
exports.findPair = findPair;


/***/ }),

/***/ 6831:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var createNode = __nccwpck_require__(1732);
var stringifyCollection = __nccwpck_require__(4156);
var Collection = __nccwpck_require__(4661);
var identity = __nccwpck_require__(4919);
var Scalar = __nccwpck_require__(389);
var toJS = __nccwpck_require__(3899);

class YAMLSeq extends Collection.Collection {
    static get tagName() {
        return 'tag:yaml.org,2002:seq';
    }
    constructor(schema) {
        super(identity.SEQ, schema);
        this.items = [];
    }
    add(value) {
        this.items.push(value);
    }
    /**
     * Removes a value from the collection.
     *
     * `key` must contain a representation of an integer for this to succeed.
     * It may be wrapped in a `Scalar`.
     *
     * @returns `true` if the item was found and removed.
     */
    delete(key) {
        const idx = asItemIndex(key);
        if (typeof idx !== 'number')
            return false;
        const del = this.items.splice(idx, 1);
        return del.length > 0;
    }
    get(key, keepScalar) {
        const idx = asItemIndex(key);
        if (typeof idx !== 'number')
            return undefined;
        const it = this.items[idx];
        return !keepScalar && identity.isScalar(it) ? it.value : it;
    }
    /**
     * Checks if the collection includes a value with the key `key`.
     *
     * `key` must contain a representation of an integer for this to succeed.
     * It may be wrapped in a `Scalar`.
     */
    has(key) {
        const idx = asItemIndex(key);
        return typeof idx === 'number' && idx < this.items.length;
    }
    /**
     * Sets a value in this collection. For `!!set`, `value` needs to be a
     * boolean to add/remove the item from the set.
     *
     * If `key` does not contain a representation of an integer, this will throw.
     * It may be wrapped in a `Scalar`.
     */
    set(key, value) {
        const idx = asItemIndex(key);
        if (typeof idx !== 'number')
            throw new Error(`Expected a valid index, not ${key}.`);
        const prev = this.items[idx];
        if (identity.isScalar(prev) && Scalar.isScalarValue(value))
            prev.value = value;
        else
            this.items[idx] = value;
    }
    toJSON(_, ctx) {
        const seq = [];
        if (ctx?.onCreate)
            ctx.onCreate(seq);
        let i = 0;
        for (const item of this.items)
            seq.push(toJS.toJS(item, String(i++), ctx));
        return seq;
    }
    toString(ctx, onComment, onChompKeep) {
        if (!ctx)
            return JSON.stringify(this);
        return stringifyCollection.stringifyCollection(this, ctx, {
            blockItemPrefix: '- ',
            flowChars: { start: '[', end: ']' },
            itemIndent: (ctx.indent || '') + '  ',
            onChompKeep,
            onComment
        });
    }
    static from(schema, obj, ctx) {
        const { replacer } = ctx;
        const seq = new this(schema);
        if (obj && Symbol.iterator in Object(obj)) {
            let i = 0;
            for (let it of obj) {
                if (typeof replacer === 'function') {
                    const key = obj instanceof Set ? it : String(i++);
                    it = replacer.call(obj, key, it);
                }
                seq.items.push(createNode.createNode(it, undefined, ctx));
            }
        }
        return seq;
    }
}
function asItemIndex(key) {
    let idx = identity.isScalar(key) ? key.value : key;
    if (idx && typeof idx === 'string')
        idx = Number(idx);
    return typeof idx === 'number' && Number.isInteger(idx) && idx >= 0
        ? idx
        : null;
}

exports.YAMLSeq = YAMLSeq;


/***/ }),

/***/ 8768:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var log = __nccwpck_require__(7297);
var merge = __nccwpck_require__(9380);
var stringify = __nccwpck_require__(9300);
var identity = __nccwpck_require__(4919);
var toJS = __nccwpck_require__(3899);

function addPairToJSMap(ctx, map, { key, value }) {
    if (identity.isNode(key) && key.addToJSMap)
        key.addToJSMap(ctx, map, value);
    // TODO: Should drop this special case for bare << handling
    else if (merge.isMergeKey(ctx, key))
        merge.addMergeToJSMap(ctx, map, value);
    else {
        const jsKey = toJS.toJS(key, '', ctx);
        if (map instanceof Map) {
            map.set(jsKey, toJS.toJS(value, jsKey, ctx));
        }
        else if (map instanceof Set) {
            map.add(jsKey);
        }
        else {
            const stringKey = stringifyKey(key, jsKey, ctx);
            const jsValue = toJS.toJS(value, stringKey, ctx);
            if (stringKey in map)
                Object.defineProperty(map, stringKey, {
                    value: jsValue,
                    writable: true,
                    enumerable: true,
                    configurable: true
                });
            else
                map[stringKey] = jsValue;
        }
    }
    return map;
}
function stringifyKey(key, jsKey, ctx) {
    if (jsKey === null)
        return '';
    // eslint-disable-next-line @typescript-eslint/no-base-to-string
    if (typeof jsKey !== 'object')
        return String(jsKey);
    if (identity.isNode(key) && ctx?.doc) {
        const strCtx = stringify.createStringifyContext(ctx.doc, {});
        strCtx.anchors = new Set();
        for (const node of ctx.anchors.keys())
            strCtx.anchors.add(node.anchor);
        strCtx.inFlow = true;
        strCtx.inStringifyKey = true;
        const strKey = key.toString(strCtx);
        if (!ctx.mapKeyWarned) {
            let jsonStr = JSON.stringify(strKey);
            if (jsonStr.length > 40)
                jsonStr = jsonStr.substring(0, 36) + '..."';
            log.warn(ctx.doc.options.logLevel, `Keys with collection values will be stringified due to JS Object restrictions: ${jsonStr}. Set mapAsMap: true to use object keys.`);
            ctx.mapKeyWarned = true;
        }
        return strKey;
    }
    return JSON.stringify(jsKey);
}

exports.addPairToJSMap = addPairToJSMap;


/***/ }),

/***/ 4919:
/***/ ((__unused_webpack_module, exports) => {



const ALIAS = Symbol.for('yaml.alias');
const DOC = Symbol.for('yaml.document');
const MAP = Symbol.for('yaml.map');
const PAIR = Symbol.for('yaml.pair');
const SCALAR = Symbol.for('yaml.scalar');
const SEQ = Symbol.for('yaml.seq');
const NODE_TYPE = Symbol.for('yaml.node.type');
const isAlias = (node) => !!node && typeof node === 'object' && node[NODE_TYPE] === ALIAS;
const isDocument = (node) => !!node && typeof node === 'object' && node[NODE_TYPE] === DOC;
const isMap = (node) => !!node && typeof node === 'object' && node[NODE_TYPE] === MAP;
const isPair = (node) => !!node && typeof node === 'object' && node[NODE_TYPE] === PAIR;
const isScalar = (node) => !!node && typeof node === 'object' && node[NODE_TYPE] === SCALAR;
const isSeq = (node) => !!node && typeof node === 'object' && node[NODE_TYPE] === SEQ;
function isCollection(node) {
    if (node && typeof node === 'object')
        switch (node[NODE_TYPE]) {
            case MAP:
            case SEQ:
                return true;
        }
    return false;
}
function isNode(node) {
    if (node && typeof node === 'object')
        switch (node[NODE_TYPE]) {
            case ALIAS:
            case MAP:
            case SCALAR:
            case SEQ:
                return true;
        }
    return false;
}
const hasAnchor = (node) => (isScalar(node) || isCollection(node)) && !!node.anchor;

exports.ALIAS = ALIAS;
exports.DOC = DOC;
exports.MAP = MAP;
exports.NODE_TYPE = NODE_TYPE;
exports.PAIR = PAIR;
exports.SCALAR = SCALAR;
exports.SEQ = SEQ;
exports.hasAnchor = hasAnchor;
exports.isAlias = isAlias;
exports.isCollection = isCollection;
exports.isDocument = isDocument;
exports.isMap = isMap;
exports.isNode = isNode;
exports.isPair = isPair;
exports.isScalar = isScalar;
exports.isSeq = isSeq;


/***/ }),

/***/ 3899:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(4919);

/**
 * Recursively convert any node or its contents to native JavaScript
 *
 * @param value - The input value
 * @param arg - If `value` defines a `toJSON()` method, use this
 *   as its first argument
 * @param ctx - Conversion context, originally set in Document#toJS(). If
 *   `{ keep: true }` is not set, output should be suitable for JSON
 *   stringification.
 */
function toJS(value, arg, ctx) {
    // eslint-disable-next-line @typescript-eslint/no-unsafe-return
    if (Array.isArray(value))
        return value.map((v, i) => toJS(v, String(i), ctx));
    if (value && typeof value.toJSON === 'function') {
        // eslint-disable-next-line @typescript-eslint/no-unsafe-call
        if (!ctx || !identity.hasAnchor(value))
            return value.toJSON(arg, ctx);
        const data = { aliasCount: 0, count: 1, res: undefined };
        ctx.anchors.set(value, data);
        ctx.onCreate = res => {
            data.res = res;
            delete ctx.onCreate;
        };
        const res = value.toJSON(arg, ctx);
        if (ctx.onCreate)
            ctx.onCreate(res);
        return res;
    }
    if (typeof value === 'bigint' && !ctx?.keep)
        return Number(value);
    return value;
}

exports.toJS = toJS;


/***/ }),

/***/ 334:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var resolveBlockScalar = __nccwpck_require__(5089);
var resolveFlowScalar = __nccwpck_require__(5882);
var errors = __nccwpck_require__(152);
var stringifyString = __nccwpck_require__(1773);

function resolveAsScalar(token, strict = true, onError) {
    if (token) {
        const _onError = (pos, code, message) => {
            const offset = typeof pos === 'number' ? pos : Array.isArray(pos) ? pos[0] : pos.offset;
            if (onError)
                onError(offset, code, message);
            else
                throw new errors.YAMLParseError([offset, offset + 1], code, message);
        };
        switch (token.type) {
            case 'scalar':
            case 'single-quoted-scalar':
            case 'double-quoted-scalar':
                return resolveFlowScalar.resolveFlowScalar(token, strict, _onError);
            case 'block-scalar':
                return resolveBlockScalar.resolveBlockScalar({ options: { strict } }, token, _onError);
        }
    }
    return null;
}
/**
 * Create a new scalar token with `value`
 *
 * Values that represent an actual string but may be parsed as a different type should use a `type` other than `'PLAIN'`,
 * as this function does not support any schema operations and won't check for such conflicts.
 *
 * @param value The string representation of the value, which will have its content properly indented.
 * @param context.end Comments and whitespace after the end of the value, or after the block scalar header. If undefined, a newline will be added.
 * @param context.implicitKey Being within an implicit key may affect the resolved type of the token's value.
 * @param context.indent The indent level of the token.
 * @param context.inFlow Is this scalar within a flow collection? This may affect the resolved type of the token's value.
 * @param context.offset The offset position of the token.
 * @param context.type The preferred type of the scalar token. If undefined, the previous type of the `token` will be used, defaulting to `'PLAIN'`.
 */
function createScalarToken(value, context) {
    const { implicitKey = false, indent, inFlow = false, offset = -1, type = 'PLAIN' } = context;
    const source = stringifyString.stringifyString({ type, value }, {
        implicitKey,
        indent: indent > 0 ? ' '.repeat(indent) : '',
        inFlow,
        options: { blockQuote: true, lineWidth: -1 }
    });
    const end = context.end ?? [
        { type: 'newline', offset: -1, indent, source: '\n' }
    ];
    switch (source[0]) {
        case '|':
        case '>': {
            const he = source.indexOf('\n');
            const head = source.substring(0, he);
            const body = source.substring(he + 1) + '\n';
            const props = [
                { type: 'block-scalar-header', offset, indent, source: head }
            ];
            if (!addEndtoBlockProps(props, end))
                props.push({ type: 'newline', offset: -1, indent, source: '\n' });
            return { type: 'block-scalar', offset, indent, props, source: body };
        }
        case '"':
            return { type: 'double-quoted-scalar', offset, indent, source, end };
        case "'":
            return { type: 'single-quoted-scalar', offset, indent, source, end };
        default:
            return { type: 'scalar', offset, indent, source, end };
    }
}
/**
 * Set the value of `token` to the given string `value`, overwriting any previous contents and type that it may have.
 *
 * Best efforts are made to retain any comments previously associated with the `token`,
 * though all contents within a collection's `items` will be overwritten.
 *
 * Values that represent an actual string but may be parsed as a different type should use a `type` other than `'PLAIN'`,
 * as this function does not support any schema operations and won't check for such conflicts.
 *
 * @param token Any token. If it does not include an `indent` value, the value will be stringified as if it were an implicit key.
 * @param value The string representation of the value, which will have its content properly indented.
 * @param context.afterKey In most cases, values after a key should have an additional level of indentation.
 * @param context.implicitKey Being within an implicit key may affect the resolved type of the token's value.
 * @param context.inFlow Being within a flow collection may affect the resolved type of the token's value.
 * @param context.type The preferred type of the scalar token. If undefined, the previous type of the `token` will be used, defaulting to `'PLAIN'`.
 */
function setScalarValue(token, value, context = {}) {
    let { afterKey = false, implicitKey = false, inFlow = false, type } = context;
    let indent = 'indent' in token ? token.indent : null;
    if (afterKey && typeof indent === 'number')
        indent += 2;
    if (!type)
        switch (token.type) {
            case 'single-quoted-scalar':
                type = 'QUOTE_SINGLE';
                break;
            case 'double-quoted-scalar':
                type = 'QUOTE_DOUBLE';
                break;
            case 'block-scalar': {
                const header = token.props[0];
                if (header.type !== 'block-scalar-header')
                    throw new Error('Invalid block scalar header');
                type = header.source[0] === '>' ? 'BLOCK_FOLDED' : 'BLOCK_LITERAL';
                break;
            }
            default:
                type = 'PLAIN';
        }
    const source = stringifyString.stringifyString({ type, value }, {
        implicitKey: implicitKey || indent === null,
        indent: indent !== null && indent > 0 ? ' '.repeat(indent) : '',
        inFlow,
        options: { blockQuote: true, lineWidth: -1 }
    });
    switch (source[0]) {
        case '|':
        case '>':
            setBlockScalarValue(token, source);
            break;
        case '"':
            setFlowScalarValue(token, source, 'double-quoted-scalar');
            break;
        case "'":
            setFlowScalarValue(token, source, 'single-quoted-scalar');
            break;
        default:
            setFlowScalarValue(token, source, 'scalar');
    }
}
function setBlockScalarValue(token, source) {
    const he = source.indexOf('\n');
    const head = source.substring(0, he);
    const body = source.substring(he + 1) + '\n';
    if (token.type === 'block-scalar') {
        const header = token.props[0];
        if (header.type !== 'block-scalar-header')
            throw new Error('Invalid block scalar header');
        header.source = head;
        token.source = body;
    }
    else {
        const { offset } = token;
        const indent = 'indent' in token ? token.indent : -1;
        const props = [
            { type: 'block-scalar-header', offset, indent, source: head }
        ];
        if (!addEndtoBlockProps(props, 'end' in token ? token.end : undefined))
            props.push({ type: 'newline', offset: -1, indent, source: '\n' });
        for (const key of Object.keys(token))
            if (key !== 'type' && key !== 'offset')
                delete token[key];
        Object.assign(token, { type: 'block-scalar', indent, props, source: body });
    }
}
/** @returns `true` if last token is a newline */
function addEndtoBlockProps(props, end) {
    if (end)
        for (const st of end)
            switch (st.type) {
                case 'space':
                case 'comment':
                    props.push(st);
                    break;
                case 'newline':
                    props.push(st);
                    return true;
            }
    return false;
}
function setFlowScalarValue(token, source, type) {
    switch (token.type) {
        case 'scalar':
        case 'double-quoted-scalar':
        case 'single-quoted-scalar':
            token.type = type;
            token.source = source;
            break;
        case 'block-scalar': {
            const end = token.props.slice(1);
            let oa = source.length;
            if (token.props[0].type === 'block-scalar-header')
                oa -= token.props[0].source.length;
            for (const tok of end)
                tok.offset += oa;
            delete token.props;
            Object.assign(token, { type, source, end });
            break;
        }
        case 'block-map':
        case 'block-seq': {
            const offset = token.offset + source.length;
            const nl = { type: 'newline', offset, indent: token.indent, source: '\n' };
            delete token.items;
            Object.assign(token, { type, source, end: [nl] });
            break;
        }
        default: {
            const indent = 'indent' in token ? token.indent : -1;
            const end = 'end' in token && Array.isArray(token.end)
                ? token.end.filter(st => st.type === 'space' ||
                    st.type === 'comment' ||
                    st.type === 'newline')
                : [];
            for (const key of Object.keys(token))
                if (key !== 'type' && key !== 'offset')
                    delete token[key];
            Object.assign(token, { type, indent, source, end });
        }
    }
}

exports.createScalarToken = createScalarToken;
exports.resolveAsScalar = resolveAsScalar;
exports.setScalarValue = setScalarValue;


/***/ }),

/***/ 3701:
/***/ ((__unused_webpack_module, exports) => {



/**
 * Stringify a CST document, token, or collection item
 *
 * Fair warning: This applies no validation whatsoever, and
 * simply concatenates the sources in their logical order.
 */
const stringify = (cst) => 'type' in cst ? stringifyToken(cst) : stringifyItem(cst);
function stringifyToken(token) {
    switch (token.type) {
        case 'block-scalar': {
            let res = '';
            for (const tok of token.props)
                res += stringifyToken(tok);
            return res + token.source;
        }
        case 'block-map':
        case 'block-seq': {
            let res = '';
            for (const item of token.items)
                res += stringifyItem(item);
            return res;
        }
        case 'flow-collection': {
            let res = token.start.source;
            for (const item of token.items)
                res += stringifyItem(item);
            for (const st of token.end)
                res += st.source;
            return res;
        }
        case 'document': {
            let res = stringifyItem(token);
            if (token.end)
                for (const st of token.end)
                    res += st.source;
            return res;
        }
        default: {
            let res = token.source;
            if ('end' in token && token.end)
                for (const st of token.end)
                    res += st.source;
            return res;
        }
    }
}
function stringifyItem({ start, key, sep, value }) {
    let res = '';
    for (const st of start)
        res += st.source;
    if (key)
        res += stringifyToken(key);
    if (sep)
        for (const st of sep)
            res += st.source;
    if (value)
        res += stringifyToken(value);
    return res;
}

exports.stringify = stringify;


/***/ }),

/***/ 5235:
/***/ ((__unused_webpack_module, exports) => {



const BREAK = Symbol('break visit');
const SKIP = Symbol('skip children');
const REMOVE = Symbol('remove item');
/**
 * Apply a visitor to a CST document or item.
 *
 * Walks through the tree (depth-first) starting from the root, calling a
 * `visitor` function with two arguments when entering each item:
 *   - `item`: The current item, which included the following members:
 *     - `start: SourceToken[]` – Source tokens before the key or value,
 *       possibly including its anchor or tag.
 *     - `key?: Token | null` – Set for pair values. May then be `null`, if
 *       the key before the `:` separator is empty.
 *     - `sep?: SourceToken[]` – Source tokens between the key and the value,
 *       which should include the `:` map value indicator if `value` is set.
 *     - `value?: Token` – The value of a sequence item, or of a map pair.
 *   - `path`: The steps from the root to the current node, as an array of
 *     `['key' | 'value', number]` tuples.
 *
 * The return value of the visitor may be used to control the traversal:
 *   - `undefined` (default): Do nothing and continue
 *   - `visit.SKIP`: Do not visit the children of this token, continue with
 *      next sibling
 *   - `visit.BREAK`: Terminate traversal completely
 *   - `visit.REMOVE`: Remove the current item, then continue with the next one
 *   - `number`: Set the index of the next step. This is useful especially if
 *     the index of the current token has changed.
 *   - `function`: Define the next visitor for this item. After the original
 *     visitor is called on item entry, next visitors are called after handling
 *     a non-empty `key` and when exiting the item.
 */
function visit(cst, visitor) {
    if ('type' in cst && cst.type === 'document')
        cst = { start: cst.start, value: cst.value };
    _visit(Object.freeze([]), cst, visitor);
}
// Without the `as symbol` casts, TS declares these in the `visit`
// namespace using `var`, but then complains about that because
// `unique symbol` must be `const`.
/** Terminate visit traversal completely */
visit.BREAK = BREAK;
/** Do not visit the children of the current item */
visit.SKIP = SKIP;
/** Remove the current item */
visit.REMOVE = REMOVE;
/** Find the item at `path` from `cst` as the root */
visit.itemAtPath = (cst, path) => {
    let item = cst;
    for (const [field, index] of path) {
        const tok = item?.[field];
        if (tok && 'items' in tok) {
            item = tok.items[index];
        }
        else
            return undefined;
    }
    return item;
};
/**
 * Get the immediate parent collection of the item at `path` from `cst` as the root.
 *
 * Throws an error if the collection is not found, which should never happen if the item itself exists.
 */
visit.parentCollection = (cst, path) => {
    const parent = visit.itemAtPath(cst, path.slice(0, -1));
    const field = path[path.length - 1][0];
    const coll = parent?.[field];
    if (coll && 'items' in coll)
        return coll;
    throw new Error('Parent collection not found');
};
function _visit(path, item, visitor) {
    let ctrl = visitor(item, path);
    if (typeof ctrl === 'symbol')
        return ctrl;
    for (const field of ['key', 'value']) {
        const token = item[field];
        if (token && 'items' in token) {
            for (let i = 0; i < token.items.length; ++i) {
                const ci = _visit(Object.freeze(path.concat([[field, i]])), token.items[i], visitor);
                if (typeof ci === 'number')
                    i = ci - 1;
                else if (ci === BREAK)
                    return BREAK;
                else if (ci === REMOVE) {
                    token.items.splice(i, 1);
                    i -= 1;
                }
            }
            if (typeof ctrl === 'function' && field === 'key')
                ctrl = ctrl(item, path);
        }
    }
    return typeof ctrl === 'function' ? ctrl(item, path) : ctrl;
}

exports.visit = visit;


/***/ }),

/***/ 9877:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var cstScalar = __nccwpck_require__(334);
var cstStringify = __nccwpck_require__(3701);
var cstVisit = __nccwpck_require__(5235);

/** The byte order mark */
const BOM = '\u{FEFF}';
/** Start of doc-mode */
const DOCUMENT = '\x02'; // C0: Start of Text
/** Unexpected end of flow-mode */
const FLOW_END = '\x18'; // C0: Cancel
/** Next token is a scalar value */
const SCALAR = '\x1f'; // C0: Unit Separator
/** @returns `true` if `token` is a flow or block collection */
const isCollection = (token) => !!token && 'items' in token;
/** @returns `true` if `token` is a flow or block scalar; not an alias */
const isScalar = (token) => !!token &&
    (token.type === 'scalar' ||
        token.type === 'single-quoted-scalar' ||
        token.type === 'double-quoted-scalar' ||
        token.type === 'block-scalar');
/* istanbul ignore next */
/** Get a printable representation of a lexer token */
function prettyToken(token) {
    switch (token) {
        case BOM:
            return '<BOM>';
        case DOCUMENT:
            return '<DOC>';
        case FLOW_END:
            return '<FLOW_END>';
        case SCALAR:
            return '<SCALAR>';
        default:
            return JSON.stringify(token);
    }
}
/** Identify the type of a lexer token. May return `null` for unknown tokens. */
function tokenType(source) {
    switch (source) {
        case BOM:
            return 'byte-order-mark';
        case DOCUMENT:
            return 'doc-mode';
        case FLOW_END:
            return 'flow-error-end';
        case SCALAR:
            return 'scalar';
        case '---':
            return 'doc-start';
        case '...':
            return 'doc-end';
        case '':
        case '\n':
        case '\r\n':
            return 'newline';
        case '-':
            return 'seq-item-ind';
        case '?':
            return 'explicit-key-ind';
        case ':':
            return 'map-value-ind';
        case '{':
            return 'flow-map-start';
        case '}':
            return 'flow-map-end';
        case '[':
            return 'flow-seq-start';
        case ']':
            return 'flow-seq-end';
        case ',':
            return 'comma';
    }
    switch (source[0]) {
        case ' ':
        case '\t':
            return 'space';
        case '#':
            return 'comment';
        case '%':
            return 'directive-line';
        case '*':
            return 'alias';
        case '&':
            return 'anchor';
        case '!':
            return 'tag';
        case "'":
            return 'single-quoted-scalar';
        case '"':
            return 'double-quoted-scalar';
        case '|':
        case '>':
            return 'block-scalar-header';
    }
    return null;
}

exports.createScalarToken = cstScalar.createScalarToken;
exports.resolveAsScalar = cstScalar.resolveAsScalar;
exports.setScalarValue = cstScalar.setScalarValue;
exports.stringify = cstStringify.stringify;
exports.visit = cstVisit.visit;
exports.BOM = BOM;
exports.DOCUMENT = DOCUMENT;
exports.FLOW_END = FLOW_END;
exports.SCALAR = SCALAR;
exports.isCollection = isCollection;
exports.isScalar = isScalar;
exports.prettyToken = prettyToken;
exports.tokenType = tokenType;


/***/ }),

/***/ 5145:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var cst = __nccwpck_require__(9877);

/*
START -> stream

stream
  directive -> line-end -> stream
  indent + line-end -> stream
  [else] -> line-start

line-end
  comment -> line-end
  newline -> .
  input-end -> END

line-start
  doc-start -> doc
  doc-end -> stream
  [else] -> indent -> block-start

block-start
  seq-item-start -> block-start
  explicit-key-start -> block-start
  map-value-start -> block-start
  [else] -> doc

doc
  line-end -> line-start
  spaces -> doc
  anchor -> doc
  tag -> doc
  flow-start -> flow -> doc
  flow-end -> error -> doc
  seq-item-start -> error -> doc
  explicit-key-start -> error -> doc
  map-value-start -> doc
  alias -> doc
  quote-start -> quoted-scalar -> doc
  block-scalar-header -> line-end -> block-scalar(min) -> line-start
  [else] -> plain-scalar(false, min) -> doc

flow
  line-end -> flow
  spaces -> flow
  anchor -> flow
  tag -> flow
  flow-start -> flow -> flow
  flow-end -> .
  seq-item-start -> error -> flow
  explicit-key-start -> flow
  map-value-start -> flow
  alias -> flow
  quote-start -> quoted-scalar -> flow
  comma -> flow
  [else] -> plain-scalar(true, 0) -> flow

quoted-scalar
  quote-end -> .
  [else] -> quoted-scalar

block-scalar(min)
  newline + peek(indent < min) -> .
  [else] -> block-scalar(min)

plain-scalar(is-flow, min)
  scalar-end(is-flow) -> .
  peek(newline + (indent < min)) -> .
  [else] -> plain-scalar(min)
*/
function isEmpty(ch) {
    switch (ch) {
        case undefined:
        case ' ':
        case '\n':
        case '\r':
        case '\t':
            return true;
        default:
            return false;
    }
}
const hexDigits = new Set('0123456789ABCDEFabcdef');
const tagChars = new Set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-#;/?:@&=+$_.!~*'()");
const flowIndicatorChars = new Set(',[]{}');
const invalidAnchorChars = new Set(' ,[]{}\n\r\t');
const isNotAnchorChar = (ch) => !ch || invalidAnchorChars.has(ch);
/**
 * Splits an input string into lexical tokens, i.e. smaller strings that are
 * easily identifiable by `tokens.tokenType()`.
 *
 * Lexing starts always in a "stream" context. Incomplete input may be buffered
 * until a complete token can be emitted.
 *
 * In addition to slices of the original input, the following control characters
 * may also be emitted:
 *
 * - `\x02` (Start of Text): A document starts with the next token
 * - `\x18` (Cancel): Unexpected end of flow-mode (indicates an error)
 * - `\x1f` (Unit Separator): Next token is a scalar value
 * - `\u{FEFF}` (Byte order mark): Emitted separately outside documents
 */
class Lexer {
    constructor() {
        /**
         * Flag indicating whether the end of the current buffer marks the end of
         * all input
         */
        this.atEnd = false;
        /**
         * Explicit indent set in block scalar header, as an offset from the current
         * minimum indent, so e.g. set to 1 from a header `|2+`. Set to -1 if not
         * explicitly set.
         */
        this.blockScalarIndent = -1;
        /**
         * Block scalars that include a + (keep) chomping indicator in their header
         * include trailing empty lines, which are otherwise excluded from the
         * scalar's contents.
         */
        this.blockScalarKeep = false;
        /** Current input */
        this.buffer = '';
        /**
         * Flag noting whether the map value indicator : can immediately follow this
         * node within a flow context.
         */
        this.flowKey = false;
        /** Count of surrounding flow collection levels. */
        this.flowLevel = 0;
        /**
         * Minimum level of indentation required for next lines to be parsed as a
         * part of the current scalar value.
         */
        this.indentNext = 0;
        /** Indentation level of the current line. */
        this.indentValue = 0;
        /** Position of the next \n character. */
        this.lineEndPos = null;
        /** Stores the state of the lexer if reaching the end of incpomplete input */
        this.next = null;
        /** A pointer to `buffer`; the current position of the lexer. */
        this.pos = 0;
    }
    /**
     * Generate YAML tokens from the `source` string. If `incomplete`,
     * a part of the last line may be left as a buffer for the next call.
     *
     * @returns A generator of lexical tokens
     */
    *lex(source, incomplete = false) {
        if (source) {
            if (typeof source !== 'string')
                throw TypeError('source is not a string');
            this.buffer = this.buffer ? this.buffer + source : source;
            this.lineEndPos = null;
        }
        this.atEnd = !incomplete;
        let next = this.next ?? 'stream';
        while (next && (incomplete || this.hasChars(1)))
            next = yield* this.parseNext(next);
    }
    atLineEnd() {
        let i = this.pos;
        let ch = this.buffer[i];
        while (ch === ' ' || ch === '\t')
            ch = this.buffer[++i];
        if (!ch || ch === '#' || ch === '\n')
            return true;
        if (ch === '\r')
            return this.buffer[i + 1] === '\n';
        return false;
    }
    charAt(n) {
        return this.buffer[this.pos + n];
    }
    continueScalar(offset) {
        let ch = this.buffer[offset];
        if (this.indentNext > 0) {
            let indent = 0;
            while (ch === ' ')
                ch = this.buffer[++indent + offset];
            if (ch === '\r') {
                const next = this.buffer[indent + offset + 1];
                if (next === '\n' || (!next && !this.atEnd))
                    return offset + indent + 1;
            }
            return ch === '\n' || indent >= this.indentNext || (!ch && !this.atEnd)
                ? offset + indent
                : -1;
        }
        if (ch === '-' || ch === '.') {
            const dt = this.buffer.substr(offset, 3);
            if ((dt === '---' || dt === '...') && isEmpty(this.buffer[offset + 3]))
                return -1;
        }
        return offset;
    }
    getLine() {
        let end = this.lineEndPos;
        if (typeof end !== 'number' || (end !== -1 && end < this.pos)) {
            end = this.buffer.indexOf('\n', this.pos);
            this.lineEndPos = end;
        }
        if (end === -1)
            return this.atEnd ? this.buffer.substring(this.pos) : null;
        if (this.buffer[end - 1] === '\r')
            end -= 1;
        return this.buffer.substring(this.pos, end);
    }
    hasChars(n) {
        return this.pos + n <= this.buffer.length;
    }
    setNext(state) {
        this.buffer = this.buffer.substring(this.pos);
        this.pos = 0;
        this.lineEndPos = null;
        this.next = state;
        return null;
    }
    peek(n) {
        return this.buffer.substr(this.pos, n);
    }
    *parseNext(next) {
        switch (next) {
            case 'stream':
                return yield* this.parseStream();
            case 'line-start':
                return yield* this.parseLineStart();
            case 'block-start':
                return yield* this.parseBlockStart();
            case 'doc':
                return yield* this.parseDocument();
            case 'flow':
                return yield* this.parseFlowCollection();
            case 'quoted-scalar':
                return yield* this.parseQuotedScalar();
            case 'block-scalar':
                return yield* this.parseBlockScalar();
            case 'plain-scalar':
                return yield* this.parsePlainScalar();
        }
    }
    *parseStream() {
        let line = this.getLine();
        if (line === null)
            return this.setNext('stream');
        if (line[0] === cst.BOM) {
            yield* this.pushCount(1);
            line = line.substring(1);
        }
        if (line[0] === '%') {
            let dirEnd = line.length;
            let cs = line.indexOf('#');
            while (cs !== -1) {
                const ch = line[cs - 1];
                if (ch === ' ' || ch === '\t') {
                    dirEnd = cs - 1;
                    break;
                }
                else {
                    cs = line.indexOf('#', cs + 1);
                }
            }
            while (true) {
                const ch = line[dirEnd - 1];
                if (ch === ' ' || ch === '\t')
                    dirEnd -= 1;
                else
                    break;
            }
            const n = (yield* this.pushCount(dirEnd)) + (yield* this.pushSpaces(true));
            yield* this.pushCount(line.length - n); // possible comment
            this.pushNewline();
            return 'stream';
        }
        if (this.atLineEnd()) {
            const sp = yield* this.pushSpaces(true);
            yield* this.pushCount(line.length - sp);
            yield* this.pushNewline();
            return 'stream';
        }
        yield cst.DOCUMENT;
        return yield* this.parseLineStart();
    }
    *parseLineStart() {
        const ch = this.charAt(0);
        if (!ch && !this.atEnd)
            return this.setNext('line-start');
        if (ch === '-' || ch === '.') {
            if (!this.atEnd && !this.hasChars(4))
                return this.setNext('line-start');
            const s = this.peek(3);
            if ((s === '---' || s === '...') && isEmpty(this.charAt(3))) {
                yield* this.pushCount(3);
                this.indentValue = 0;
                this.indentNext = 0;
                return s === '---' ? 'doc' : 'stream';
            }
        }
        this.indentValue = yield* this.pushSpaces(false);
        if (this.indentNext > this.indentValue && !isEmpty(this.charAt(1)))
            this.indentNext = this.indentValue;
        return yield* this.parseBlockStart();
    }
    *parseBlockStart() {
        const [ch0, ch1] = this.peek(2);
        if (!ch1 && !this.atEnd)
            return this.setNext('block-start');
        if ((ch0 === '-' || ch0 === '?' || ch0 === ':') && isEmpty(ch1)) {
            const n = (yield* this.pushCount(1)) + (yield* this.pushSpaces(true));
            this.indentNext = this.indentValue + 1;
            this.indentValue += n;
            return 'block-start';
        }
        return 'doc';
    }
    *parseDocument() {
        yield* this.pushSpaces(true);
        const line = this.getLine();
        if (line === null)
            return this.setNext('doc');
        let n = yield* this.pushIndicators();
        switch (line[n]) {
            case '#':
                yield* this.pushCount(line.length - n);
            // fallthrough
            case undefined:
                yield* this.pushNewline();
                return yield* this.parseLineStart();
            case '{':
            case '[':
                yield* this.pushCount(1);
                this.flowKey = false;
                this.flowLevel = 1;
                return 'flow';
            case '}':
            case ']':
                // this is an error
                yield* this.pushCount(1);
                return 'doc';
            case '*':
                yield* this.pushUntil(isNotAnchorChar);
                return 'doc';
            case '"':
            case "'":
                return yield* this.parseQuotedScalar();
            case '|':
            case '>':
                n += yield* this.parseBlockScalarHeader();
                n += yield* this.pushSpaces(true);
                yield* this.pushCount(line.length - n);
                yield* this.pushNewline();
                return yield* this.parseBlockScalar();
            default:
                return yield* this.parsePlainScalar();
        }
    }
    *parseFlowCollection() {
        let nl, sp;
        let indent = -1;
        do {
            nl = yield* this.pushNewline();
            if (nl > 0) {
                sp = yield* this.pushSpaces(false);
                this.indentValue = indent = sp;
            }
            else {
                sp = 0;
            }
            sp += yield* this.pushSpaces(true);
        } while (nl + sp > 0);
        const line = this.getLine();
        if (line === null)
            return this.setNext('flow');
        if ((indent !== -1 && indent < this.indentNext && line[0] !== '#') ||
            (indent === 0 &&
                (line.startsWith('---') || line.startsWith('...')) &&
                isEmpty(line[3]))) {
            // Allowing for the terminal ] or } at the same (rather than greater)
            // indent level as the initial [ or { is technically invalid, but
            // failing here would be surprising to users.
            const atFlowEndMarker = indent === this.indentNext - 1 &&
                this.flowLevel === 1 &&
                (line[0] === ']' || line[0] === '}');
            if (!atFlowEndMarker) {
                // this is an error
                this.flowLevel = 0;
                yield cst.FLOW_END;
                return yield* this.parseLineStart();
            }
        }
        let n = 0;
        while (line[n] === ',') {
            n += yield* this.pushCount(1);
            n += yield* this.pushSpaces(true);
            this.flowKey = false;
        }
        n += yield* this.pushIndicators();
        switch (line[n]) {
            case undefined:
                return 'flow';
            case '#':
                yield* this.pushCount(line.length - n);
                return 'flow';
            case '{':
            case '[':
                yield* this.pushCount(1);
                this.flowKey = false;
                this.flowLevel += 1;
                return 'flow';
            case '}':
            case ']':
                yield* this.pushCount(1);
                this.flowKey = true;
                this.flowLevel -= 1;
                return this.flowLevel ? 'flow' : 'doc';
            case '*':
                yield* this.pushUntil(isNotAnchorChar);
                return 'flow';
            case '"':
            case "'":
                this.flowKey = true;
                return yield* this.parseQuotedScalar();
            case ':': {
                const next = this.charAt(1);
                if (this.flowKey || isEmpty(next) || next === ',') {
                    this.flowKey = false;
                    yield* this.pushCount(1);
                    yield* this.pushSpaces(true);
                    return 'flow';
                }
            }
            // fallthrough
            default:
                this.flowKey = false;
                return yield* this.parsePlainScalar();
        }
    }
    *parseQuotedScalar() {
        const quote = this.charAt(0);
        let end = this.buffer.indexOf(quote, this.pos + 1);
        if (quote === "'") {
            while (end !== -1 && this.buffer[end + 1] === "'")
                end = this.buffer.indexOf("'", end + 2);
        }
        else {
            // double-quote
            while (end !== -1) {
                let n = 0;
                while (this.buffer[end - 1 - n] === '\\')
                    n += 1;
                if (n % 2 === 0)
                    break;
                end = this.buffer.indexOf('"', end + 1);
            }
        }
        // Only looking for newlines within the quotes
        const qb = this.buffer.substring(0, end);
        let nl = qb.indexOf('\n', this.pos);
        if (nl !== -1) {
            while (nl !== -1) {
                const cs = this.continueScalar(nl + 1);
                if (cs === -1)
                    break;
                nl = qb.indexOf('\n', cs);
            }
            if (nl !== -1) {
                // this is an error caused by an unexpected unindent
                end = nl - (qb[nl - 1] === '\r' ? 2 : 1);
            }
        }
        if (end === -1) {
            if (!this.atEnd)
                return this.setNext('quoted-scalar');
            end = this.buffer.length;
        }
        yield* this.pushToIndex(end + 1, false);
        return this.flowLevel ? 'flow' : 'doc';
    }
    *parseBlockScalarHeader() {
        this.blockScalarIndent = -1;
        this.blockScalarKeep = false;
        let i = this.pos;
        while (true) {
            const ch = this.buffer[++i];
            if (ch === '+')
                this.blockScalarKeep = true;
            else if (ch > '0' && ch <= '9')
                this.blockScalarIndent = Number(ch) - 1;
            else if (ch !== '-')
                break;
        }
        return yield* this.pushUntil(ch => isEmpty(ch) || ch === '#');
    }
    *parseBlockScalar() {
        let nl = this.pos - 1; // may be -1 if this.pos === 0
        let indent = 0;
        let ch;
        loop: for (let i = this.pos; (ch = this.buffer[i]); ++i) {
            switch (ch) {
                case ' ':
                    indent += 1;
                    break;
                case '\n':
                    nl = i;
                    indent = 0;
                    break;
                case '\r': {
                    const next = this.buffer[i + 1];
                    if (!next && !this.atEnd)
                        return this.setNext('block-scalar');
                    if (next === '\n')
                        break;
                } // fallthrough
                default:
                    break loop;
            }
        }
        if (!ch && !this.atEnd)
            return this.setNext('block-scalar');
        if (indent >= this.indentNext) {
            if (this.blockScalarIndent === -1)
                this.indentNext = indent;
            else {
                this.indentNext =
                    this.blockScalarIndent + (this.indentNext === 0 ? 1 : this.indentNext);
            }
            do {
                const cs = this.continueScalar(nl + 1);
                if (cs === -1)
                    break;
                nl = this.buffer.indexOf('\n', cs);
            } while (nl !== -1);
            if (nl === -1) {
                if (!this.atEnd)
                    return this.setNext('block-scalar');
                nl = this.buffer.length;
            }
        }
        // Trailing insufficiently indented tabs are invalid.
        // To catch that during parsing, we include them in the block scalar value.
        let i = nl + 1;
        ch = this.buffer[i];
        while (ch === ' ')
            ch = this.buffer[++i];
        if (ch === '\t') {
            while (ch === '\t' || ch === ' ' || ch === '\r' || ch === '\n')
                ch = this.buffer[++i];
            nl = i - 1;
        }
        else if (!this.blockScalarKeep) {
            do {
                let i = nl - 1;
                let ch = this.buffer[i];
                if (ch === '\r')
                    ch = this.buffer[--i];
                const lastChar = i; // Drop the line if last char not more indented
                while (ch === ' ')
                    ch = this.buffer[--i];
                if (ch === '\n' && i >= this.pos && i + 1 + indent > lastChar)
                    nl = i;
                else
                    break;
            } while (true);
        }
        yield cst.SCALAR;
        yield* this.pushToIndex(nl + 1, true);
        return yield* this.parseLineStart();
    }
    *parsePlainScalar() {
        const inFlow = this.flowLevel > 0;
        let end = this.pos - 1;
        let i = this.pos - 1;
        let ch;
        while ((ch = this.buffer[++i])) {
            if (ch === ':') {
                const next = this.buffer[i + 1];
                if (isEmpty(next) || (inFlow && flowIndicatorChars.has(next)))
                    break;
                end = i;
            }
            else if (isEmpty(ch)) {
                let next = this.buffer[i + 1];
                if (ch === '\r') {
                    if (next === '\n') {
                        i += 1;
                        ch = '\n';
                        next = this.buffer[i + 1];
                    }
                    else
                        end = i;
                }
                if (next === '#' || (inFlow && flowIndicatorChars.has(next)))
                    break;
                if (ch === '\n') {
                    const cs = this.continueScalar(i + 1);
                    if (cs === -1)
                        break;
                    i = Math.max(i, cs - 2); // to advance, but still account for ' #'
                }
            }
            else {
                if (inFlow && flowIndicatorChars.has(ch))
                    break;
                end = i;
            }
        }
        if (!ch && !this.atEnd)
            return this.setNext('plain-scalar');
        yield cst.SCALAR;
        yield* this.pushToIndex(end + 1, true);
        return inFlow ? 'flow' : 'doc';
    }
    *pushCount(n) {
        if (n > 0) {
            yield this.buffer.substr(this.pos, n);
            this.pos += n;
            return n;
        }
        return 0;
    }
    *pushToIndex(i, allowEmpty) {
        const s = this.buffer.slice(this.pos, i);
        if (s) {
            yield s;
            this.pos += s.length;
            return s.length;
        }
        else if (allowEmpty)
            yield '';
        return 0;
    }
    *pushIndicators() {
        let n = 0;
        loop: while (true) {
            switch (this.charAt(0)) {
                case '!':
                    n += yield* this.pushTag();
                    n += yield* this.pushSpaces(true);
                    continue loop;
                case '&':
                    n += yield* this.pushUntil(isNotAnchorChar);
                    n += yield* this.pushSpaces(true);
                    continue loop;
                case '-': // this is an error
                case '?': // this is an error outside flow collections
                case ':': {
                    const inFlow = this.flowLevel > 0;
                    const ch1 = this.charAt(1);
                    if (isEmpty(ch1) || (inFlow && flowIndicatorChars.has(ch1))) {
                        if (!inFlow)
                            this.indentNext = this.indentValue + 1;
                        else if (this.flowKey)
                            this.flowKey = false;
                        n += yield* this.pushCount(1);
                        n += yield* this.pushSpaces(true);
                        continue loop;
                    }
                }
            }
            break loop;
        }
        return n;
    }
    *pushTag() {
        if (this.charAt(1) === '<') {
            let i = this.pos + 2;
            let ch = this.buffer[i];
            while (!isEmpty(ch) && ch !== '>')
                ch = this.buffer[++i];
            return yield* this.pushToIndex(ch === '>' ? i + 1 : i, false);
        }
        else {
            let i = this.pos + 1;
            let ch = this.buffer[i];
            while (ch) {
                if (tagChars.has(ch))
                    ch = this.buffer[++i];
                else if (ch === '%' &&
                    hexDigits.has(this.buffer[i + 1]) &&
                    hexDigits.has(this.buffer[i + 2])) {
                    ch = this.buffer[(i += 3)];
                }
                else
                    break;
            }
            return yield* this.pushToIndex(i, false);
        }
    }
    *pushNewline() {
        const ch = this.buffer[this.pos];
        if (ch === '\n')
            return yield* this.pushCount(1);
        else if (ch === '\r' && this.charAt(1) === '\n')
            return yield* this.pushCount(2);
        else
            return 0;
    }
    *pushSpaces(allowTabs) {
        let i = this.pos - 1;
        let ch;
        do {
            ch = this.buffer[++i];
        } while (ch === ' ' || (allowTabs && ch === '\t'));
        const n = i - this.pos;
        if (n > 0) {
            yield this.buffer.substr(this.pos, n);
            this.pos = i;
        }
        return n;
    }
    *pushUntil(test) {
        let i = this.pos;
        let ch = this.buffer[i];
        while (!test(ch))
            ch = this.buffer[++i];
        return yield* this.pushToIndex(i, false);
    }
}

exports.Lexer = Lexer;


/***/ }),

/***/ 1460:
/***/ ((__unused_webpack_module, exports) => {



/**
 * Tracks newlines during parsing in order to provide an efficient API for
 * determining the one-indexed `{ line, col }` position for any offset
 * within the input.
 */
class LineCounter {
    constructor() {
        this.lineStarts = [];
        /**
         * Should be called in ascending order. Otherwise, call
         * `lineCounter.lineStarts.sort()` before calling `linePos()`.
         */
        this.addNewLine = (offset) => this.lineStarts.push(offset);
        /**
         * Performs a binary search and returns the 1-indexed { line, col }
         * position of `offset`. If `line === 0`, `addNewLine` has never been
         * called or `offset` is before the first known newline.
         */
        this.linePos = (offset) => {
            let low = 0;
            let high = this.lineStarts.length;
            while (low < high) {
                const mid = (low + high) >> 1; // Math.floor((low + high) / 2)
                if (this.lineStarts[mid] < offset)
                    low = mid + 1;
                else
                    high = mid;
            }
            if (this.lineStarts[low] === offset)
                return { line: low + 1, col: 1 };
            if (low === 0)
                return { line: 0, col: offset };
            const start = this.lineStarts[low - 1];
            return { line: low, col: offset - start + 1 };
        };
    }
}

exports.LineCounter = LineCounter;


/***/ }),

/***/ 2064:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var node_process = __nccwpck_require__(932);
var cst = __nccwpck_require__(9877);
var lexer = __nccwpck_require__(5145);

function includesToken(list, type) {
    for (let i = 0; i < list.length; ++i)
        if (list[i].type === type)
            return true;
    return false;
}
function findNonEmptyIndex(list) {
    for (let i = 0; i < list.length; ++i) {
        switch (list[i].type) {
            case 'space':
            case 'comment':
            case 'newline':
                break;
            default:
                return i;
        }
    }
    return -1;
}
function isFlowToken(token) {
    switch (token?.type) {
        case 'alias':
        case 'scalar':
        case 'single-quoted-scalar':
        case 'double-quoted-scalar':
        case 'flow-collection':
            return true;
        default:
            return false;
    }
}
function getPrevProps(parent) {
    switch (parent.type) {
        case 'document':
            return parent.start;
        case 'block-map': {
            const it = parent.items[parent.items.length - 1];
            return it.sep ?? it.start;
        }
        case 'block-seq':
            return parent.items[parent.items.length - 1].start;
        /* istanbul ignore next should not happen */
        default:
            return [];
    }
}
/** Note: May modify input array */
function getFirstKeyStartProps(prev) {
    if (prev.length === 0)
        return [];
    let i = prev.length;
    loop: while (--i >= 0) {
        switch (prev[i].type) {
            case 'doc-start':
            case 'explicit-key-ind':
            case 'map-value-ind':
            case 'seq-item-ind':
            case 'newline':
                break loop;
        }
    }
    while (prev[++i]?.type === 'space') {
        /* loop */
    }
    return prev.splice(i, prev.length);
}
function arrayPushArray(target, source) {
    // May exhaust call stack with large `source` array
    if (source.length < 1e5)
        Array.prototype.push.apply(target, source);
    else
        for (let i = 0; i < source.length; ++i)
            target.push(source[i]);
}
function fixFlowSeqItems(fc) {
    if (fc.start.type === 'flow-seq-start') {
        for (const it of fc.items) {
            if (it.sep &&
                !it.value &&
                !includesToken(it.start, 'explicit-key-ind') &&
                !includesToken(it.sep, 'map-value-ind')) {
                if (it.key)
                    it.value = it.key;
                delete it.key;
                if (isFlowToken(it.value)) {
                    if (it.value.end)
                        arrayPushArray(it.value.end, it.sep);
                    else
                        it.value.end = it.sep;
                }
                else
                    arrayPushArray(it.start, it.sep);
                delete it.sep;
            }
        }
    }
}
/**
 * A YAML concrete syntax tree (CST) parser
 *
 * ```ts
 * const src: string = ...
 * for (const token of new Parser().parse(src)) {
 *   // token: Token
 * }
 * ```
 *
 * To use the parser with a user-provided lexer:
 *
 * ```ts
 * function* parse(source: string, lexer: Lexer) {
 *   const parser = new Parser()
 *   for (const lexeme of lexer.lex(source))
 *     yield* parser.next(lexeme)
 *   yield* parser.end()
 * }
 *
 * const src: string = ...
 * const lexer = new Lexer()
 * for (const token of parse(src, lexer)) {
 *   // token: Token
 * }
 * ```
 */
class Parser {
    /**
     * @param onNewLine - If defined, called separately with the start position of
     *   each new line (in `parse()`, including the start of input).
     */
    constructor(onNewLine) {
        /** If true, space and sequence indicators count as indentation */
        this.atNewLine = true;
        /** If true, next token is a scalar value */
        this.atScalar = false;
        /** Current indentation level */
        this.indent = 0;
        /** Current offset since the start of parsing */
        this.offset = 0;
        /** On the same line with a block map key */
        this.onKeyLine = false;
        /** Top indicates the node that's currently being built */
        this.stack = [];
        /** The source of the current token, set in parse() */
        this.source = '';
        /** The type of the current token, set in parse() */
        this.type = '';
        // Must be defined after `next()`
        this.lexer = new lexer.Lexer();
        this.onNewLine = onNewLine;
    }
    /**
     * Parse `source` as a YAML stream.
     * If `incomplete`, a part of the last line may be left as a buffer for the next call.
     *
     * Errors are not thrown, but yielded as `{ type: 'error', message }` tokens.
     *
     * @returns A generator of tokens representing each directive, document, and other structure.
     */
    *parse(source, incomplete = false) {
        if (this.onNewLine && this.offset === 0)
            this.onNewLine(0);
        for (const lexeme of this.lexer.lex(source, incomplete))
            yield* this.next(lexeme);
        if (!incomplete)
            yield* this.end();
    }
    /**
     * Advance the parser by the `source` of one lexical token.
     */
    *next(source) {
        this.source = source;
        if (node_process.env.LOG_TOKENS)
            console.log('|', cst.prettyToken(source));
        if (this.atScalar) {
            this.atScalar = false;
            yield* this.step();
            this.offset += source.length;
            return;
        }
        const type = cst.tokenType(source);
        if (!type) {
            const message = `Not a YAML token: ${source}`;
            yield* this.pop({ type: 'error', offset: this.offset, message, source });
            this.offset += source.length;
        }
        else if (type === 'scalar') {
            this.atNewLine = false;
            this.atScalar = true;
            this.type = 'scalar';
        }
        else {
            this.type = type;
            yield* this.step();
            switch (type) {
                case 'newline':
                    this.atNewLine = true;
                    this.indent = 0;
                    if (this.onNewLine)
                        this.onNewLine(this.offset + source.length);
                    break;
                case 'space':
                    if (this.atNewLine && source[0] === ' ')
                        this.indent += source.length;
                    break;
                case 'explicit-key-ind':
                case 'map-value-ind':
                case 'seq-item-ind':
                    if (this.atNewLine)
                        this.indent += source.length;
                    break;
                case 'doc-mode':
                case 'flow-error-end':
                    return;
                default:
                    this.atNewLine = false;
            }
            this.offset += source.length;
        }
    }
    /** Call at end of input to push out any remaining constructions */
    *end() {
        while (this.stack.length > 0)
            yield* this.pop();
    }
    get sourceToken() {
        const st = {
            type: this.type,
            offset: this.offset,
            indent: this.indent,
            source: this.source
        };
        return st;
    }
    *step() {
        const top = this.peek(1);
        if (this.type === 'doc-end' && top?.type !== 'doc-end') {
            while (this.stack.length > 0)
                yield* this.pop();
            this.stack.push({
                type: 'doc-end',
                offset: this.offset,
                source: this.source
            });
            return;
        }
        if (!top)
            return yield* this.stream();
        switch (top.type) {
            case 'document':
                return yield* this.document(top);
            case 'alias':
            case 'scalar':
            case 'single-quoted-scalar':
            case 'double-quoted-scalar':
                return yield* this.scalar(top);
            case 'block-scalar':
                return yield* this.blockScalar(top);
            case 'block-map':
                return yield* this.blockMap(top);
            case 'block-seq':
                return yield* this.blockSequence(top);
            case 'flow-collection':
                return yield* this.flowCollection(top);
            case 'doc-end':
                return yield* this.documentEnd(top);
        }
        /* istanbul ignore next should not happen */
        yield* this.pop();
    }
    peek(n) {
        return this.stack[this.stack.length - n];
    }
    *pop(error) {
        const token = error ?? this.stack.pop();
        /* istanbul ignore if should not happen */
        if (!token) {
            const message = 'Tried to pop an empty stack';
            yield { type: 'error', offset: this.offset, source: '', message };
        }
        else if (this.stack.length === 0) {
            yield token;
        }
        else {
            const top = this.peek(1);
            if (token.type === 'block-scalar') {
                // Block scalars use their parent rather than header indent
                token.indent = 'indent' in top ? top.indent : 0;
            }
            else if (token.type === 'flow-collection' && top.type === 'document') {
                // Ignore all indent for top-level flow collections
                token.indent = 0;
            }
            if (token.type === 'flow-collection')
                fixFlowSeqItems(token);
            switch (top.type) {
                case 'document':
                    top.value = token;
                    break;
                case 'block-scalar':
                    top.props.push(token); // error
                    break;
                case 'block-map': {
                    const it = top.items[top.items.length - 1];
                    if (it.value) {
                        top.items.push({ start: [], key: token, sep: [] });
                        this.onKeyLine = true;
                        return;
                    }
                    else if (it.sep) {
                        it.value = token;
                    }
                    else {
                        Object.assign(it, { key: token, sep: [] });
                        this.onKeyLine = !it.explicitKey;
                        return;
                    }
                    break;
                }
                case 'block-seq': {
                    const it = top.items[top.items.length - 1];
                    if (it.value)
                        top.items.push({ start: [], value: token });
                    else
                        it.value = token;
                    break;
                }
                case 'flow-collection': {
                    const it = top.items[top.items.length - 1];
                    if (!it || it.value)
                        top.items.push({ start: [], key: token, sep: [] });
                    else if (it.sep)
                        it.value = token;
                    else
                        Object.assign(it, { key: token, sep: [] });
                    return;
                }
                /* istanbul ignore next should not happen */
                default:
                    yield* this.pop();
                    yield* this.pop(token);
            }
            if ((top.type === 'document' ||
                top.type === 'block-map' ||
                top.type === 'block-seq') &&
                (token.type === 'block-map' || token.type === 'block-seq')) {
                const last = token.items[token.items.length - 1];
                if (last &&
                    !last.sep &&
                    !last.value &&
                    last.start.length > 0 &&
                    findNonEmptyIndex(last.start) === -1 &&
                    (token.indent === 0 ||
                        last.start.every(st => st.type !== 'comment' || st.indent < token.indent))) {
                    if (top.type === 'document')
                        top.end = last.start;
                    else
                        top.items.push({ start: last.start });
                    token.items.splice(-1, 1);
                }
            }
        }
    }
    *stream() {
        switch (this.type) {
            case 'directive-line':
                yield { type: 'directive', offset: this.offset, source: this.source };
                return;
            case 'byte-order-mark':
            case 'space':
            case 'comment':
            case 'newline':
                yield this.sourceToken;
                return;
            case 'doc-mode':
            case 'doc-start': {
                const doc = {
                    type: 'document',
                    offset: this.offset,
                    start: []
                };
                if (this.type === 'doc-start')
                    doc.start.push(this.sourceToken);
                this.stack.push(doc);
                return;
            }
        }
        yield {
            type: 'error',
            offset: this.offset,
            message: `Unexpected ${this.type} token in YAML stream`,
            source: this.source
        };
    }
    *document(doc) {
        if (doc.value)
            return yield* this.lineEnd(doc);
        switch (this.type) {
            case 'doc-start': {
                if (findNonEmptyIndex(doc.start) !== -1) {
                    yield* this.pop();
                    yield* this.step();
                }
                else
                    doc.start.push(this.sourceToken);
                return;
            }
            case 'anchor':
            case 'tag':
            case 'space':
            case 'comment':
            case 'newline':
                doc.start.push(this.sourceToken);
                return;
        }
        const bv = this.startBlockValue(doc);
        if (bv)
            this.stack.push(bv);
        else {
            yield {
                type: 'error',
                offset: this.offset,
                message: `Unexpected ${this.type} token in YAML document`,
                source: this.source
            };
        }
    }
    *scalar(scalar) {
        if (this.type === 'map-value-ind') {
            const prev = getPrevProps(this.peek(2));
            const start = getFirstKeyStartProps(prev);
            let sep;
            if (scalar.end) {
                sep = scalar.end;
                sep.push(this.sourceToken);
                delete scalar.end;
            }
            else
                sep = [this.sourceToken];
            const map = {
                type: 'block-map',
                offset: scalar.offset,
                indent: scalar.indent,
                items: [{ start, key: scalar, sep }]
            };
            this.onKeyLine = true;
            this.stack[this.stack.length - 1] = map;
        }
        else
            yield* this.lineEnd(scalar);
    }
    *blockScalar(scalar) {
        switch (this.type) {
            case 'space':
            case 'comment':
            case 'newline':
                scalar.props.push(this.sourceToken);
                return;
            case 'scalar':
                scalar.source = this.source;
                // block-scalar source includes trailing newline
                this.atNewLine = true;
                this.indent = 0;
                if (this.onNewLine) {
                    let nl = this.source.indexOf('\n') + 1;
                    while (nl !== 0) {
                        this.onNewLine(this.offset + nl);
                        nl = this.source.indexOf('\n', nl) + 1;
                    }
                }
                yield* this.pop();
                break;
            /* istanbul ignore next should not happen */
            default:
                yield* this.pop();
                yield* this.step();
        }
    }
    *blockMap(map) {
        const it = map.items[map.items.length - 1];
        // it.sep is true-ish if pair already has key or : separator
        switch (this.type) {
            case 'newline':
                this.onKeyLine = false;
                if (it.value) {
                    const end = 'end' in it.value ? it.value.end : undefined;
                    const last = Array.isArray(end) ? end[end.length - 1] : undefined;
                    if (last?.type === 'comment')
                        end?.push(this.sourceToken);
                    else
                        map.items.push({ start: [this.sourceToken] });
                }
                else if (it.sep) {
                    it.sep.push(this.sourceToken);
                }
                else {
                    it.start.push(this.sourceToken);
                }
                return;
            case 'space':
            case 'comment':
                if (it.value) {
                    map.items.push({ start: [this.sourceToken] });
                }
                else if (it.sep) {
                    it.sep.push(this.sourceToken);
                }
                else {
                    if (this.atIndentedComment(it.start, map.indent)) {
                        const prev = map.items[map.items.length - 2];
                        const end = prev?.value?.end;
                        if (Array.isArray(end)) {
                            arrayPushArray(end, it.start);
                            end.push(this.sourceToken);
                            map.items.pop();
                            return;
                        }
                    }
                    it.start.push(this.sourceToken);
                }
                return;
        }
        if (this.indent >= map.indent) {
            const atMapIndent = !this.onKeyLine && this.indent === map.indent;
            const atNextItem = atMapIndent &&
                (it.sep || it.explicitKey) &&
                this.type !== 'seq-item-ind';
            // For empty nodes, assign newline-separated not indented empty tokens to following node
            let start = [];
            if (atNextItem && it.sep && !it.value) {
                const nl = [];
                for (let i = 0; i < it.sep.length; ++i) {
                    const st = it.sep[i];
                    switch (st.type) {
                        case 'newline':
                            nl.push(i);
                            break;
                        case 'space':
                            break;
                        case 'comment':
                            if (st.indent > map.indent)
                                nl.length = 0;
                            break;
                        default:
                            nl.length = 0;
                    }
                }
                if (nl.length >= 2)
                    start = it.sep.splice(nl[1]);
            }
            switch (this.type) {
                case 'anchor':
                case 'tag':
                    if (atNextItem || it.value) {
                        start.push(this.sourceToken);
                        map.items.push({ start });
                        this.onKeyLine = true;
                    }
                    else if (it.sep) {
                        it.sep.push(this.sourceToken);
                    }
                    else {
                        it.start.push(this.sourceToken);
                    }
                    return;
                case 'explicit-key-ind':
                    if (!it.sep && !it.explicitKey) {
                        it.start.push(this.sourceToken);
                        it.explicitKey = true;
                    }
                    else if (atNextItem || it.value) {
                        start.push(this.sourceToken);
                        map.items.push({ start, explicitKey: true });
                    }
                    else {
                        this.stack.push({
                            type: 'block-map',
                            offset: this.offset,
                            indent: this.indent,
                            items: [{ start: [this.sourceToken], explicitKey: true }]
                        });
                    }
                    this.onKeyLine = true;
                    return;
                case 'map-value-ind':
                    if (it.explicitKey) {
                        if (!it.sep) {
                            if (includesToken(it.start, 'newline')) {
                                Object.assign(it, { key: null, sep: [this.sourceToken] });
                            }
                            else {
                                const start = getFirstKeyStartProps(it.start);
                                this.stack.push({
                                    type: 'block-map',
                                    offset: this.offset,
                                    indent: this.indent,
                                    items: [{ start, key: null, sep: [this.sourceToken] }]
                                });
                            }
                        }
                        else if (it.value) {
                            map.items.push({ start: [], key: null, sep: [this.sourceToken] });
                        }
                        else if (includesToken(it.sep, 'map-value-ind')) {
                            this.stack.push({
                                type: 'block-map',
                                offset: this.offset,
                                indent: this.indent,
                                items: [{ start, key: null, sep: [this.sourceToken] }]
                            });
                        }
                        else if (isFlowToken(it.key) &&
                            !includesToken(it.sep, 'newline')) {
                            const start = getFirstKeyStartProps(it.start);
                            const key = it.key;
                            const sep = it.sep;
                            sep.push(this.sourceToken);
                            // @ts-expect-error type guard is wrong here
                            delete it.key;
                            // @ts-expect-error type guard is wrong here
                            delete it.sep;
                            this.stack.push({
                                type: 'block-map',
                                offset: this.offset,
                                indent: this.indent,
                                items: [{ start, key, sep }]
                            });
                        }
                        else if (start.length > 0) {
                            // Not actually at next item
                            it.sep = it.sep.concat(start, this.sourceToken);
                        }
                        else {
                            it.sep.push(this.sourceToken);
                        }
                    }
                    else {
                        if (!it.sep) {
                            Object.assign(it, { key: null, sep: [this.sourceToken] });
                        }
                        else if (it.value || atNextItem) {
                            map.items.push({ start, key: null, sep: [this.sourceToken] });
                        }
                        else if (includesToken(it.sep, 'map-value-ind')) {
                            this.stack.push({
                                type: 'block-map',
                                offset: this.offset,
                                indent: this.indent,
                                items: [{ start: [], key: null, sep: [this.sourceToken] }]
                            });
                        }
                        else {
                            it.sep.push(this.sourceToken);
                        }
                    }
                    this.onKeyLine = true;
                    return;
                case 'alias':
                case 'scalar':
                case 'single-quoted-scalar':
                case 'double-quoted-scalar': {
                    const fs = this.flowScalar(this.type);
                    if (atNextItem || it.value) {
                        map.items.push({ start, key: fs, sep: [] });
                        this.onKeyLine = true;
                    }
                    else if (it.sep) {
                        this.stack.push(fs);
                    }
                    else {
                        Object.assign(it, { key: fs, sep: [] });
                        this.onKeyLine = true;
                    }
                    return;
                }
                default: {
                    const bv = this.startBlockValue(map);
                    if (bv) {
                        if (bv.type === 'block-seq') {
                            if (!it.explicitKey &&
                                it.sep &&
                                !includesToken(it.sep, 'newline')) {
                                yield* this.pop({
                                    type: 'error',
                                    offset: this.offset,
                                    message: 'Unexpected block-seq-ind on same line with key',
                                    source: this.source
                                });
                                return;
                            }
                        }
                        else if (atMapIndent) {
                            map.items.push({ start });
                        }
                        this.stack.push(bv);
                        return;
                    }
                }
            }
        }
        yield* this.pop();
        yield* this.step();
    }
    *blockSequence(seq) {
        const it = seq.items[seq.items.length - 1];
        switch (this.type) {
            case 'newline':
                if (it.value) {
                    const end = 'end' in it.value ? it.value.end : undefined;
                    const last = Array.isArray(end) ? end[end.length - 1] : undefined;
                    if (last?.type === 'comment')
                        end?.push(this.sourceToken);
                    else
                        seq.items.push({ start: [this.sourceToken] });
                }
                else
                    it.start.push(this.sourceToken);
                return;
            case 'space':
            case 'comment':
                if (it.value)
                    seq.items.push({ start: [this.sourceToken] });
                else {
                    if (this.atIndentedComment(it.start, seq.indent)) {
                        const prev = seq.items[seq.items.length - 2];
                        const end = prev?.value?.end;
                        if (Array.isArray(end)) {
                            arrayPushArray(end, it.start);
                            end.push(this.sourceToken);
                            seq.items.pop();
                            return;
                        }
                    }
                    it.start.push(this.sourceToken);
                }
                return;
            case 'anchor':
            case 'tag':
                if (it.value || this.indent <= seq.indent)
                    break;
                it.start.push(this.sourceToken);
                return;
            case 'seq-item-ind':
                if (this.indent !== seq.indent)
                    break;
                if (it.value || includesToken(it.start, 'seq-item-ind'))
                    seq.items.push({ start: [this.sourceToken] });
                else
                    it.start.push(this.sourceToken);
                return;
        }
        if (this.indent > seq.indent) {
            const bv = this.startBlockValue(seq);
            if (bv) {
                this.stack.push(bv);
                return;
            }
        }
        yield* this.pop();
        yield* this.step();
    }
    *flowCollection(fc) {
        const it = fc.items[fc.items.length - 1];
        if (this.type === 'flow-error-end') {
            let top;
            do {
                yield* this.pop();
                top = this.peek(1);
            } while (top?.type === 'flow-collection');
        }
        else if (fc.end.length === 0) {
            switch (this.type) {
                case 'comma':
                case 'explicit-key-ind':
                    if (!it || it.sep)
                        fc.items.push({ start: [this.sourceToken] });
                    else
                        it.start.push(this.sourceToken);
                    return;
                case 'map-value-ind':
                    if (!it || it.value)
                        fc.items.push({ start: [], key: null, sep: [this.sourceToken] });
                    else if (it.sep)
                        it.sep.push(this.sourceToken);
                    else
                        Object.assign(it, { key: null, sep: [this.sourceToken] });
                    return;
                case 'space':
                case 'comment':
                case 'newline':
                case 'anchor':
                case 'tag':
                    if (!it || it.value)
                        fc.items.push({ start: [this.sourceToken] });
                    else if (it.sep)
                        it.sep.push(this.sourceToken);
                    else
                        it.start.push(this.sourceToken);
                    return;
                case 'alias':
                case 'scalar':
                case 'single-quoted-scalar':
                case 'double-quoted-scalar': {
                    const fs = this.flowScalar(this.type);
                    if (!it || it.value)
                        fc.items.push({ start: [], key: fs, sep: [] });
                    else if (it.sep)
                        this.stack.push(fs);
                    else
                        Object.assign(it, { key: fs, sep: [] });
                    return;
                }
                case 'flow-map-end':
                case 'flow-seq-end':
                    fc.end.push(this.sourceToken);
                    return;
            }
            const bv = this.startBlockValue(fc);
            /* istanbul ignore else should not happen */
            if (bv)
                this.stack.push(bv);
            else {
                yield* this.pop();
                yield* this.step();
            }
        }
        else {
            const parent = this.peek(2);
            if (parent.type === 'block-map' &&
                ((this.type === 'map-value-ind' && parent.indent === fc.indent) ||
                    (this.type === 'newline' &&
                        !parent.items[parent.items.length - 1].sep))) {
                yield* this.pop();
                yield* this.step();
            }
            else if (this.type === 'map-value-ind' &&
                parent.type !== 'flow-collection') {
                const prev = getPrevProps(parent);
                const start = getFirstKeyStartProps(prev);
                fixFlowSeqItems(fc);
                const sep = fc.end.splice(1, fc.end.length);
                sep.push(this.sourceToken);
                const map = {
                    type: 'block-map',
                    offset: fc.offset,
                    indent: fc.indent,
                    items: [{ start, key: fc, sep }]
                };
                this.onKeyLine = true;
                this.stack[this.stack.length - 1] = map;
            }
            else {
                yield* this.lineEnd(fc);
            }
        }
    }
    flowScalar(type) {
        if (this.onNewLine) {
            let nl = this.source.indexOf('\n') + 1;
            while (nl !== 0) {
                this.onNewLine(this.offset + nl);
                nl = this.source.indexOf('\n', nl) + 1;
            }
        }
        return {
            type,
            offset: this.offset,
            indent: this.indent,
            source: this.source
        };
    }
    startBlockValue(parent) {
        switch (this.type) {
            case 'alias':
            case 'scalar':
            case 'single-quoted-scalar':
            case 'double-quoted-scalar':
                return this.flowScalar(this.type);
            case 'block-scalar-header':
                return {
                    type: 'block-scalar',
                    offset: this.offset,
                    indent: this.indent,
                    props: [this.sourceToken],
                    source: ''
                };
            case 'flow-map-start':
            case 'flow-seq-start':
                return {
                    type: 'flow-collection',
                    offset: this.offset,
                    indent: this.indent,
                    start: this.sourceToken,
                    items: [],
                    end: []
                };
            case 'seq-item-ind':
                return {
                    type: 'block-seq',
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start: [this.sourceToken] }]
                };
            case 'explicit-key-ind': {
                this.onKeyLine = true;
                const prev = getPrevProps(parent);
                const start = getFirstKeyStartProps(prev);
                start.push(this.sourceToken);
                return {
                    type: 'block-map',
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start, explicitKey: true }]
                };
            }
            case 'map-value-ind': {
                this.onKeyLine = true;
                const prev = getPrevProps(parent);
                const start = getFirstKeyStartProps(prev);
                return {
                    type: 'block-map',
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start, key: null, sep: [this.sourceToken] }]
                };
            }
        }
        return null;
    }
    atIndentedComment(start, indent) {
        if (this.type !== 'comment')
            return false;
        if (this.indent <= indent)
            return false;
        return start.every(st => st.type === 'newline' || st.type === 'space');
    }
    *documentEnd(docEnd) {
        if (this.type !== 'doc-mode') {
            if (docEnd.end)
                docEnd.end.push(this.sourceToken);
            else
                docEnd.end = [this.sourceToken];
            if (this.type === 'newline')
                yield* this.pop();
        }
    }
    *lineEnd(token) {
        switch (this.type) {
            case 'comma':
            case 'doc-start':
            case 'doc-end':
            case 'flow-seq-end':
            case 'flow-map-end':
            case 'map-value-ind':
                yield* this.pop();
                yield* this.step();
                break;
            case 'newline':
                this.onKeyLine = false;
            // fallthrough
            case 'space':
            case 'comment':
            default:
                // all other values are errors
                if (token.end)
                    token.end.push(this.sourceToken);
                else
                    token.end = [this.sourceToken];
                if (this.type === 'newline')
                    yield* this.pop();
        }
    }
}

exports.Parser = Parser;


/***/ }),

/***/ 4543:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var composer = __nccwpck_require__(3104);
var Document = __nccwpck_require__(573);
var errors = __nccwpck_require__(152);
var log = __nccwpck_require__(7297);
var identity = __nccwpck_require__(4919);
var lineCounter = __nccwpck_require__(1460);
var parser = __nccwpck_require__(2064);

function parseOptions(options) {
    const prettyErrors = options.prettyErrors !== false;
    const lineCounter$1 = options.lineCounter || (prettyErrors && new lineCounter.LineCounter()) || null;
    return { lineCounter: lineCounter$1, prettyErrors };
}
/**
 * Parse the input as a stream of YAML documents.
 *
 * Documents should be separated from each other by `...` or `---` marker lines.
 *
 * @returns If an empty `docs` array is returned, it will be of type
 *   EmptyStream and contain additional stream information. In
 *   TypeScript, you should use `'empty' in docs` as a type guard for it.
 */
function parseAllDocuments(source, options = {}) {
    const { lineCounter, prettyErrors } = parseOptions(options);
    const parser$1 = new parser.Parser(lineCounter?.addNewLine);
    const composer$1 = new composer.Composer(options);
    const docs = Array.from(composer$1.compose(parser$1.parse(source)));
    if (prettyErrors && lineCounter)
        for (const doc of docs) {
            doc.errors.forEach(errors.prettifyError(source, lineCounter));
            doc.warnings.forEach(errors.prettifyError(source, lineCounter));
        }
    if (docs.length > 0)
        return docs;
    return Object.assign([], { empty: true }, composer$1.streamInfo());
}
/** Parse an input string into a single YAML.Document */
function parseDocument(source, options = {}) {
    const { lineCounter, prettyErrors } = parseOptions(options);
    const parser$1 = new parser.Parser(lineCounter?.addNewLine);
    const composer$1 = new composer.Composer(options);
    // `doc` is always set by compose.end(true) at the very latest
    let doc = null;
    for (const _doc of composer$1.compose(parser$1.parse(source), true, source.length)) {
        if (!doc)
            doc = _doc;
        else if (doc.options.logLevel !== 'silent') {
            doc.errors.push(new errors.YAMLParseError(_doc.range.slice(0, 2), 'MULTIPLE_DOCS', 'Source contains multiple documents; please use YAML.parseAllDocuments()'));
            break;
        }
    }
    if (prettyErrors && lineCounter) {
        doc.errors.forEach(errors.prettifyError(source, lineCounter));
        doc.warnings.forEach(errors.prettifyError(source, lineCounter));
    }
    return doc;
}
function parse(src, reviver, options) {
    let _reviver = undefined;
    if (typeof reviver === 'function') {
        _reviver = reviver;
    }
    else if (options === undefined && reviver && typeof reviver === 'object') {
        options = reviver;
    }
    const doc = parseDocument(src, options);
    if (!doc)
        return null;
    doc.warnings.forEach(warning => log.warn(doc.options.logLevel, warning));
    if (doc.errors.length > 0) {
        if (doc.options.logLevel !== 'silent')
            throw doc.errors[0];
        else
            doc.errors = [];
    }
    return doc.toJS(Object.assign({ reviver: _reviver }, options));
}
function stringify(value, replacer, options) {
    let _replacer = null;
    if (typeof replacer === 'function' || Array.isArray(replacer)) {
        _replacer = replacer;
    }
    else if (options === undefined && replacer) {
        options = replacer;
    }
    if (typeof options === 'string')
        options = options.length;
    if (typeof options === 'number') {
        const indent = Math.round(options);
        options = indent < 1 ? undefined : indent > 8 ? { indent: 8 } : { indent };
    }
    if (value === undefined) {
        const { keepUndefined } = options ?? replacer ?? {};
        if (!keepUndefined)
            return undefined;
    }
    if (identity.isDocument(value) && !_replacer)
        return value.toString(options);
    return new Document.Document(value, _replacer, options).toString(options);
}

exports.parse = parse;
exports.parseAllDocuments = parseAllDocuments;
exports.parseDocument = parseDocument;
exports.stringify = stringify;


/***/ }),

/***/ 8224:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(4919);
var map = __nccwpck_require__(4043);
var seq = __nccwpck_require__(7562);
var string = __nccwpck_require__(4704);
var tags = __nccwpck_require__(6178);

const sortMapEntriesByKey = (a, b) => a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
class Schema {
    constructor({ compat, customTags, merge, resolveKnownTags, schema, sortMapEntries, toStringDefaults }) {
        this.compat = Array.isArray(compat)
            ? tags.getTags(compat, 'compat')
            : compat
                ? tags.getTags(null, compat)
                : null;
        this.name = (typeof schema === 'string' && schema) || 'core';
        this.knownTags = resolveKnownTags ? tags.coreKnownTags : {};
        this.tags = tags.getTags(customTags, this.name, merge);
        this.toStringOptions = toStringDefaults ?? null;
        Object.defineProperty(this, identity.MAP, { value: map.map });
        Object.defineProperty(this, identity.SCALAR, { value: string.string });
        Object.defineProperty(this, identity.SEQ, { value: seq.seq });
        // Used by createMap()
        this.sortMapEntries =
            typeof sortMapEntries === 'function'
                ? sortMapEntries
                : sortMapEntries === true
                    ? sortMapEntriesByKey
                    : null;
    }
    clone() {
        const copy = Object.create(Schema.prototype, Object.getOwnPropertyDescriptors(this));
        copy.tags = this.tags.slice();
        return copy;
    }
}

exports.Schema = Schema;


/***/ }),

/***/ 4043:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(4919);
var YAMLMap = __nccwpck_require__(5462);

const map = {
    collection: 'map',
    default: true,
    nodeClass: YAMLMap.YAMLMap,
    tag: 'tag:yaml.org,2002:map',
    resolve(map, onError) {
        if (!identity.isMap(map))
            onError('Expected a mapping for this tag');
        return map;
    },
    createNode: (schema, obj, ctx) => YAMLMap.YAMLMap.from(schema, obj, ctx)
};

exports.map = map;


/***/ }),

/***/ 5632:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(389);

const nullTag = {
    identify: value => value == null,
    createNode: () => new Scalar.Scalar(null),
    default: true,
    tag: 'tag:yaml.org,2002:null',
    test: /^(?:~|[Nn]ull|NULL)?$/,
    resolve: () => new Scalar.Scalar(null),
    stringify: ({ source }, ctx) => typeof source === 'string' && nullTag.test.test(source)
        ? source
        : ctx.options.nullStr
};

exports.nullTag = nullTag;


/***/ }),

/***/ 7562:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(4919);
var YAMLSeq = __nccwpck_require__(6831);

const seq = {
    collection: 'seq',
    default: true,
    nodeClass: YAMLSeq.YAMLSeq,
    tag: 'tag:yaml.org,2002:seq',
    resolve(seq, onError) {
        if (!identity.isSeq(seq))
            onError('Expected a sequence for this tag');
        return seq;
    },
    createNode: (schema, obj, ctx) => YAMLSeq.YAMLSeq.from(schema, obj, ctx)
};

exports.seq = seq;


/***/ }),

/***/ 4704:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var stringifyString = __nccwpck_require__(1773);

const string = {
    identify: value => typeof value === 'string',
    default: true,
    tag: 'tag:yaml.org,2002:str',
    resolve: str => str,
    stringify(item, ctx, onComment, onChompKeep) {
        ctx = Object.assign({ actualString: true }, ctx);
        return stringifyString.stringifyString(item, ctx, onComment, onChompKeep);
    }
};

exports.string = string;


/***/ }),

/***/ 4359:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(389);

const boolTag = {
    identify: value => typeof value === 'boolean',
    default: true,
    tag: 'tag:yaml.org,2002:bool',
    test: /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/,
    resolve: str => new Scalar.Scalar(str[0] === 't' || str[0] === 'T'),
    stringify({ source, value }, ctx) {
        if (source && boolTag.test.test(source)) {
            const sv = source[0] === 't' || source[0] === 'T';
            if (value === sv)
                return source;
        }
        return value ? ctx.options.trueStr : ctx.options.falseStr;
    }
};

exports.boolTag = boolTag;


/***/ }),

/***/ 6229:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(389);
var stringifyNumber = __nccwpck_require__(3569);

const floatNaN = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
    resolve: str => str.slice(-3).toLowerCase() === 'nan'
        ? NaN
        : str[0] === '-'
            ? Number.NEGATIVE_INFINITY
            : Number.POSITIVE_INFINITY,
    stringify: stringifyNumber.stringifyNumber
};
const floatExp = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    format: 'EXP',
    test: /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/,
    resolve: str => parseFloat(str),
    stringify(node) {
        const num = Number(node.value);
        return isFinite(num) ? num.toExponential() : stringifyNumber.stringifyNumber(node);
    }
};
const float = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    test: /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/,
    resolve(str) {
        const node = new Scalar.Scalar(parseFloat(str));
        const dot = str.indexOf('.');
        if (dot !== -1 && str[str.length - 1] === '0')
            node.minFractionDigits = str.length - dot - 1;
        return node;
    },
    stringify: stringifyNumber.stringifyNumber
};

exports.float = float;
exports.floatExp = floatExp;
exports.floatNaN = floatNaN;


/***/ }),

/***/ 7602:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var stringifyNumber = __nccwpck_require__(3569);

const intIdentify = (value) => typeof value === 'bigint' || Number.isInteger(value);
const intResolve = (str, offset, radix, { intAsBigInt }) => (intAsBigInt ? BigInt(str) : parseInt(str.substring(offset), radix));
function intStringify(node, radix, prefix) {
    const { value } = node;
    if (intIdentify(value) && value >= 0)
        return prefix + value.toString(radix);
    return stringifyNumber.stringifyNumber(node);
}
const intOct = {
    identify: value => intIdentify(value) && value >= 0,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    format: 'OCT',
    test: /^0o[0-7]+$/,
    resolve: (str, _onError, opt) => intResolve(str, 2, 8, opt),
    stringify: node => intStringify(node, 8, '0o')
};
const int = {
    identify: intIdentify,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    test: /^[-+]?[0-9]+$/,
    resolve: (str, _onError, opt) => intResolve(str, 0, 10, opt),
    stringify: stringifyNumber.stringifyNumber
};
const intHex = {
    identify: value => intIdentify(value) && value >= 0,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    format: 'HEX',
    test: /^0x[0-9a-fA-F]+$/,
    resolve: (str, _onError, opt) => intResolve(str, 2, 16, opt),
    stringify: node => intStringify(node, 16, '0x')
};

exports.int = int;
exports.intHex = intHex;
exports.intOct = intOct;


/***/ }),

/***/ 7904:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var map = __nccwpck_require__(4043);
var _null = __nccwpck_require__(5632);
var seq = __nccwpck_require__(7562);
var string = __nccwpck_require__(4704);
var bool = __nccwpck_require__(4359);
var float = __nccwpck_require__(6229);
var int = __nccwpck_require__(7602);

const schema = [
    map.map,
    seq.seq,
    string.string,
    _null.nullTag,
    bool.boolTag,
    int.intOct,
    int.int,
    int.intHex,
    float.floatNaN,
    float.floatExp,
    float.float
];

exports.schema = schema;


/***/ }),

/***/ 8647:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(389);
var map = __nccwpck_require__(4043);
var seq = __nccwpck_require__(7562);

function intIdentify(value) {
    return typeof value === 'bigint' || Number.isInteger(value);
}
const stringifyJSON = ({ value }) => JSON.stringify(value);
const jsonScalars = [
    {
        identify: value => typeof value === 'string',
        default: true,
        tag: 'tag:yaml.org,2002:str',
        resolve: str => str,
        stringify: stringifyJSON
    },
    {
        identify: value => value == null,
        createNode: () => new Scalar.Scalar(null),
        default: true,
        tag: 'tag:yaml.org,2002:null',
        test: /^null$/,
        resolve: () => null,
        stringify: stringifyJSON
    },
    {
        identify: value => typeof value === 'boolean',
        default: true,
        tag: 'tag:yaml.org,2002:bool',
        test: /^true$|^false$/,
        resolve: str => str === 'true',
        stringify: stringifyJSON
    },
    {
        identify: intIdentify,
        default: true,
        tag: 'tag:yaml.org,2002:int',
        test: /^-?(?:0|[1-9][0-9]*)$/,
        resolve: (str, _onError, { intAsBigInt }) => intAsBigInt ? BigInt(str) : parseInt(str, 10),
        stringify: ({ value }) => intIdentify(value) ? value.toString() : JSON.stringify(value)
    },
    {
        identify: value => typeof value === 'number',
        default: true,
        tag: 'tag:yaml.org,2002:float',
        test: /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?$/,
        resolve: str => parseFloat(str),
        stringify: stringifyJSON
    }
];
const jsonError = {
    default: true,
    tag: '',
    test: /^/,
    resolve(str, onError) {
        onError(`Unresolved plain scalar ${JSON.stringify(str)}`);
        return str;
    }
};
const schema = [map.map, seq.seq].concat(jsonScalars, jsonError);

exports.schema = schema;


/***/ }),

/***/ 6178:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var map = __nccwpck_require__(4043);
var _null = __nccwpck_require__(5632);
var seq = __nccwpck_require__(7562);
var string = __nccwpck_require__(4704);
var bool = __nccwpck_require__(4359);
var float = __nccwpck_require__(6229);
var int = __nccwpck_require__(7602);
var schema = __nccwpck_require__(7904);
var schema$1 = __nccwpck_require__(8647);
var binary = __nccwpck_require__(4355);
var merge = __nccwpck_require__(9380);
var omap = __nccwpck_require__(6431);
var pairs = __nccwpck_require__(9281);
var schema$2 = __nccwpck_require__(3081);
var set = __nccwpck_require__(2504);
var timestamp = __nccwpck_require__(4960);

const schemas = new Map([
    ['core', schema.schema],
    ['failsafe', [map.map, seq.seq, string.string]],
    ['json', schema$1.schema],
    ['yaml11', schema$2.schema],
    ['yaml-1.1', schema$2.schema]
]);
const tagsByName = {
    binary: binary.binary,
    bool: bool.boolTag,
    float: float.float,
    floatExp: float.floatExp,
    floatNaN: float.floatNaN,
    floatTime: timestamp.floatTime,
    int: int.int,
    intHex: int.intHex,
    intOct: int.intOct,
    intTime: timestamp.intTime,
    map: map.map,
    merge: merge.merge,
    null: _null.nullTag,
    omap: omap.omap,
    pairs: pairs.pairs,
    seq: seq.seq,
    set: set.set,
    timestamp: timestamp.timestamp
};
const coreKnownTags = {
    'tag:yaml.org,2002:binary': binary.binary,
    'tag:yaml.org,2002:merge': merge.merge,
    'tag:yaml.org,2002:omap': omap.omap,
    'tag:yaml.org,2002:pairs': pairs.pairs,
    'tag:yaml.org,2002:set': set.set,
    'tag:yaml.org,2002:timestamp': timestamp.timestamp
};
function getTags(customTags, schemaName, addMergeTag) {
    const schemaTags = schemas.get(schemaName);
    if (schemaTags && !customTags) {
        return addMergeTag && !schemaTags.includes(merge.merge)
            ? schemaTags.concat(merge.merge)
            : schemaTags.slice();
    }
    let tags = schemaTags;
    if (!tags) {
        if (Array.isArray(customTags))
            tags = [];
        else {
            const keys = Array.from(schemas.keys())
                .filter(key => key !== 'yaml11')
                .map(key => JSON.stringify(key))
                .join(', ');
            throw new Error(`Unknown schema "${schemaName}"; use one of ${keys} or define customTags array`);
        }
    }
    if (Array.isArray(customTags)) {
        for (const tag of customTags)
            tags = tags.concat(tag);
    }
    else if (typeof customTags === 'function') {
        tags = customTags(tags.slice());
    }
    if (addMergeTag)
        tags = tags.concat(merge.merge);
    return tags.reduce((tags, tag) => {
        const tagObj = typeof tag === 'string' ? tagsByName[tag] : tag;
        if (!tagObj) {
            const tagName = JSON.stringify(tag);
            const keys = Object.keys(tagsByName)
                .map(key => JSON.stringify(key))
                .join(', ');
            throw new Error(`Unknown custom tag ${tagName}; use one of ${keys}`);
        }
        if (!tags.includes(tagObj))
            tags.push(tagObj);
        return tags;
    }, []);
}

exports.coreKnownTags = coreKnownTags;
exports.getTags = getTags;


/***/ }),

/***/ 4355:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var node_buffer = __nccwpck_require__(181);
var Scalar = __nccwpck_require__(389);
var stringifyString = __nccwpck_require__(1773);

const binary = {
    identify: value => value instanceof Uint8Array, // Buffer inherits from Uint8Array
    default: false,
    tag: 'tag:yaml.org,2002:binary',
    /**
     * Returns a Buffer in node and an Uint8Array in browsers
     *
     * To use the resulting buffer as an image, you'll want to do something like:
     *
     *   const blob = new Blob([buffer], { type: 'image/jpeg' })
     *   document.querySelector('#photo').src = URL.createObjectURL(blob)
     */
    resolve(src, onError) {
        if (typeof node_buffer.Buffer === 'function') {
            return node_buffer.Buffer.from(src, 'base64');
        }
        else if (typeof atob === 'function') {
            // On IE 11, atob() can't handle newlines
            const str = atob(src.replace(/[\n\r]/g, ''));
            const buffer = new Uint8Array(str.length);
            for (let i = 0; i < str.length; ++i)
                buffer[i] = str.charCodeAt(i);
            return buffer;
        }
        else {
            onError('This environment does not support reading binary tags; either Buffer or atob is required');
            return src;
        }
    },
    stringify({ comment, type, value }, ctx, onComment, onChompKeep) {
        if (!value)
            return '';
        const buf = value; // checked earlier by binary.identify()
        let str;
        if (typeof node_buffer.Buffer === 'function') {
            str =
                buf instanceof node_buffer.Buffer
                    ? buf.toString('base64')
                    : node_buffer.Buffer.from(buf.buffer).toString('base64');
        }
        else if (typeof btoa === 'function') {
            let s = '';
            for (let i = 0; i < buf.length; ++i)
                s += String.fromCharCode(buf[i]);
            str = btoa(s);
        }
        else {
            throw new Error('This environment does not support writing binary tags; either Buffer or btoa is required');
        }
        type ?? (type = Scalar.Scalar.BLOCK_LITERAL);
        if (type !== Scalar.Scalar.QUOTE_DOUBLE) {
            const lineWidth = Math.max(ctx.options.lineWidth - ctx.indent.length, ctx.options.minContentWidth);
            const n = Math.ceil(str.length / lineWidth);
            const lines = new Array(n);
            for (let i = 0, o = 0; i < n; ++i, o += lineWidth) {
                lines[i] = str.substr(o, lineWidth);
            }
            str = lines.join(type === Scalar.Scalar.BLOCK_LITERAL ? '\n' : ' ');
        }
        return stringifyString.stringifyString({ comment, type, value: str }, ctx, onComment, onChompKeep);
    }
};

exports.binary = binary;


/***/ }),

/***/ 6158:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(389);

function boolStringify({ value, source }, ctx) {
    const boolObj = value ? trueTag : falseTag;
    if (source && boolObj.test.test(source))
        return source;
    return value ? ctx.options.trueStr : ctx.options.falseStr;
}
const trueTag = {
    identify: value => value === true,
    default: true,
    tag: 'tag:yaml.org,2002:bool',
    test: /^(?:Y|y|[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/,
    resolve: () => new Scalar.Scalar(true),
    stringify: boolStringify
};
const falseTag = {
    identify: value => value === false,
    default: true,
    tag: 'tag:yaml.org,2002:bool',
    test: /^(?:N|n|[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/,
    resolve: () => new Scalar.Scalar(false),
    stringify: boolStringify
};

exports.falseTag = falseTag;
exports.trueTag = trueTag;


/***/ }),

/***/ 838:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(389);
var stringifyNumber = __nccwpck_require__(3569);

const floatNaN = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
    resolve: (str) => str.slice(-3).toLowerCase() === 'nan'
        ? NaN
        : str[0] === '-'
            ? Number.NEGATIVE_INFINITY
            : Number.POSITIVE_INFINITY,
    stringify: stringifyNumber.stringifyNumber
};
const floatExp = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    format: 'EXP',
    test: /^[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?[eE][-+]?[0-9]+$/,
    resolve: (str) => parseFloat(str.replace(/_/g, '')),
    stringify(node) {
        const num = Number(node.value);
        return isFinite(num) ? num.toExponential() : stringifyNumber.stringifyNumber(node);
    }
};
const float = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    test: /^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*$/,
    resolve(str) {
        const node = new Scalar.Scalar(parseFloat(str.replace(/_/g, '')));
        const dot = str.indexOf('.');
        if (dot !== -1) {
            const f = str.substring(dot + 1).replace(/_/g, '');
            if (f[f.length - 1] === '0')
                node.minFractionDigits = f.length;
        }
        return node;
    },
    stringify: stringifyNumber.stringifyNumber
};

exports.float = float;
exports.floatExp = floatExp;
exports.floatNaN = floatNaN;


/***/ }),

/***/ 5609:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var stringifyNumber = __nccwpck_require__(3569);

const intIdentify = (value) => typeof value === 'bigint' || Number.isInteger(value);
function intResolve(str, offset, radix, { intAsBigInt }) {
    const sign = str[0];
    if (sign === '-' || sign === '+')
        offset += 1;
    str = str.substring(offset).replace(/_/g, '');
    if (intAsBigInt) {
        switch (radix) {
            case 2:
                str = `0b${str}`;
                break;
            case 8:
                str = `0o${str}`;
                break;
            case 16:
                str = `0x${str}`;
                break;
        }
        const n = BigInt(str);
        return sign === '-' ? BigInt(-1) * n : n;
    }
    const n = parseInt(str, radix);
    return sign === '-' ? -1 * n : n;
}
function intStringify(node, radix, prefix) {
    const { value } = node;
    if (intIdentify(value)) {
        const str = value.toString(radix);
        return value < 0 ? '-' + prefix + str.substr(1) : prefix + str;
    }
    return stringifyNumber.stringifyNumber(node);
}
const intBin = {
    identify: intIdentify,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    format: 'BIN',
    test: /^[-+]?0b[0-1_]+$/,
    resolve: (str, _onError, opt) => intResolve(str, 2, 2, opt),
    stringify: node => intStringify(node, 2, '0b')
};
const intOct = {
    identify: intIdentify,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    format: 'OCT',
    test: /^[-+]?0[0-7_]+$/,
    resolve: (str, _onError, opt) => intResolve(str, 1, 8, opt),
    stringify: node => intStringify(node, 8, '0')
};
const int = {
    identify: intIdentify,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    test: /^[-+]?[0-9][0-9_]*$/,
    resolve: (str, _onError, opt) => intResolve(str, 0, 10, opt),
    stringify: stringifyNumber.stringifyNumber
};
const intHex = {
    identify: intIdentify,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    format: 'HEX',
    test: /^[-+]?0x[0-9a-fA-F_]+$/,
    resolve: (str, _onError, opt) => intResolve(str, 2, 16, opt),
    stringify: node => intStringify(node, 16, '0x')
};

exports.int = int;
exports.intBin = intBin;
exports.intHex = intHex;
exports.intOct = intOct;


/***/ }),

/***/ 9380:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(4919);
var Scalar = __nccwpck_require__(389);

// If the value associated with a merge key is a single mapping node, each of
// its key/value pairs is inserted into the current mapping, unless the key
// already exists in it. If the value associated with the merge key is a
// sequence, then this sequence is expected to contain mapping nodes and each
// of these nodes is merged in turn according to its order in the sequence.
// Keys in mapping nodes earlier in the sequence override keys specified in
// later mapping nodes. -- http://yaml.org/type/merge.html
const MERGE_KEY = '<<';
const merge = {
    identify: value => value === MERGE_KEY ||
        (typeof value === 'symbol' && value.description === MERGE_KEY),
    default: 'key',
    tag: 'tag:yaml.org,2002:merge',
    test: /^<<$/,
    resolve: () => Object.assign(new Scalar.Scalar(Symbol(MERGE_KEY)), {
        addToJSMap: addMergeToJSMap
    }),
    stringify: () => MERGE_KEY
};
const isMergeKey = (ctx, key) => (merge.identify(key) ||
    (identity.isScalar(key) &&
        (!key.type || key.type === Scalar.Scalar.PLAIN) &&
        merge.identify(key.value))) &&
    ctx?.doc.schema.tags.some(tag => tag.tag === merge.tag && tag.default);
function addMergeToJSMap(ctx, map, value) {
    const source = resolveAliasValue(ctx, value);
    if (identity.isSeq(source))
        for (const it of source.items)
            mergeValue(ctx, map, it);
    else if (Array.isArray(source))
        for (const it of source)
            mergeValue(ctx, map, it);
    else
        mergeValue(ctx, map, source);
}
function mergeValue(ctx, map, value) {
    const source = resolveAliasValue(ctx, value);
    if (!identity.isMap(source))
        throw new Error('Merge sources must be maps or map aliases');
    const srcMap = source.toJSON(null, ctx, Map);
    for (const [key, value] of srcMap) {
        if (map instanceof Map) {
            if (!map.has(key))
                map.set(key, value);
        }
        else if (map instanceof Set) {
            map.add(key);
        }
        else if (!Object.prototype.hasOwnProperty.call(map, key)) {
            Object.defineProperty(map, key, {
                value,
                writable: true,
                enumerable: true,
                configurable: true
            });
        }
    }
    return map;
}
function resolveAliasValue(ctx, value) {
    return ctx && identity.isAlias(value) ? value.resolve(ctx.doc, ctx) : value;
}

exports.addMergeToJSMap = addMergeToJSMap;
exports.isMergeKey = isMergeKey;
exports.merge = merge;


/***/ }),

/***/ 6431:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(4919);
var toJS = __nccwpck_require__(3899);
var YAMLMap = __nccwpck_require__(5462);
var YAMLSeq = __nccwpck_require__(6831);
var pairs = __nccwpck_require__(9281);

class YAMLOMap extends YAMLSeq.YAMLSeq {
    constructor() {
        super();
        this.add = YAMLMap.YAMLMap.prototype.add.bind(this);
        this.delete = YAMLMap.YAMLMap.prototype.delete.bind(this);
        this.get = YAMLMap.YAMLMap.prototype.get.bind(this);
        this.has = YAMLMap.YAMLMap.prototype.has.bind(this);
        this.set = YAMLMap.YAMLMap.prototype.set.bind(this);
        this.tag = YAMLOMap.tag;
    }
    /**
     * If `ctx` is given, the return type is actually `Map<unknown, unknown>`,
     * but TypeScript won't allow widening the signature of a child method.
     */
    toJSON(_, ctx) {
        if (!ctx)
            return super.toJSON(_);
        const map = new Map();
        if (ctx?.onCreate)
            ctx.onCreate(map);
        for (const pair of this.items) {
            let key, value;
            if (identity.isPair(pair)) {
                key = toJS.toJS(pair.key, '', ctx);
                value = toJS.toJS(pair.value, key, ctx);
            }
            else {
                key = toJS.toJS(pair, '', ctx);
            }
            if (map.has(key))
                throw new Error('Ordered maps must not include duplicate keys');
            map.set(key, value);
        }
        return map;
    }
    static from(schema, iterable, ctx) {
        const pairs$1 = pairs.createPairs(schema, iterable, ctx);
        const omap = new this();
        omap.items = pairs$1.items;
        return omap;
    }
}
YAMLOMap.tag = 'tag:yaml.org,2002:omap';
const omap = {
    collection: 'seq',
    identify: value => value instanceof Map,
    nodeClass: YAMLOMap,
    default: false,
    tag: 'tag:yaml.org,2002:omap',
    resolve(seq, onError) {
        const pairs$1 = pairs.resolvePairs(seq, onError);
        const seenKeys = [];
        for (const { key } of pairs$1.items) {
            if (identity.isScalar(key)) {
                if (seenKeys.includes(key.value)) {
                    onError(`Ordered maps must not include duplicate keys: ${key.value}`);
                }
                else {
                    seenKeys.push(key.value);
                }
            }
        }
        return Object.assign(new YAMLOMap(), pairs$1);
    },
    createNode: (schema, iterable, ctx) => YAMLOMap.from(schema, iterable, ctx)
};

exports.YAMLOMap = YAMLOMap;
exports.omap = omap;


/***/ }),

/***/ 9281:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(4919);
var Pair = __nccwpck_require__(5773);
var Scalar = __nccwpck_require__(389);
var YAMLSeq = __nccwpck_require__(6831);

function resolvePairs(seq, onError) {
    if (identity.isSeq(seq)) {
        for (let i = 0; i < seq.items.length; ++i) {
            let item = seq.items[i];
            if (identity.isPair(item))
                continue;
            else if (identity.isMap(item)) {
                if (item.items.length > 1)
                    onError('Each pair must have its own sequence indicator');
                const pair = item.items[0] || new Pair.Pair(new Scalar.Scalar(null));
                if (item.commentBefore)
                    pair.key.commentBefore = pair.key.commentBefore
                        ? `${item.commentBefore}\n${pair.key.commentBefore}`
                        : item.commentBefore;
                if (item.comment) {
                    const cn = pair.value ?? pair.key;
                    cn.comment = cn.comment
                        ? `${item.comment}\n${cn.comment}`
                        : item.comment;
                }
                item = pair;
            }
            seq.items[i] = identity.isPair(item) ? item : new Pair.Pair(item);
        }
    }
    else
        onError('Expected a sequence for this tag');
    return seq;
}
function createPairs(schema, iterable, ctx) {
    const { replacer } = ctx;
    const pairs = new YAMLSeq.YAMLSeq(schema);
    pairs.tag = 'tag:yaml.org,2002:pairs';
    let i = 0;
    if (iterable && Symbol.iterator in Object(iterable))
        for (let it of iterable) {
            if (typeof replacer === 'function')
                it = replacer.call(iterable, String(i++), it);
            let key, value;
            if (Array.isArray(it)) {
                if (it.length === 2) {
                    key = it[0];
                    value = it[1];
                }
                else
                    throw new TypeError(`Expected [key, value] tuple: ${it}`);
            }
            else if (it && it instanceof Object) {
                const keys = Object.keys(it);
                if (keys.length === 1) {
                    key = keys[0];
                    value = it[key];
                }
                else {
                    throw new TypeError(`Expected tuple with one key, not ${keys.length} keys`);
                }
            }
            else {
                key = it;
            }
            pairs.items.push(Pair.createPair(key, value, ctx));
        }
    return pairs;
}
const pairs = {
    collection: 'seq',
    default: false,
    tag: 'tag:yaml.org,2002:pairs',
    resolve: resolvePairs,
    createNode: createPairs
};

exports.createPairs = createPairs;
exports.pairs = pairs;
exports.resolvePairs = resolvePairs;


/***/ }),

/***/ 3081:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var map = __nccwpck_require__(4043);
var _null = __nccwpck_require__(5632);
var seq = __nccwpck_require__(7562);
var string = __nccwpck_require__(4704);
var binary = __nccwpck_require__(4355);
var bool = __nccwpck_require__(6158);
var float = __nccwpck_require__(838);
var int = __nccwpck_require__(5609);
var merge = __nccwpck_require__(9380);
var omap = __nccwpck_require__(6431);
var pairs = __nccwpck_require__(9281);
var set = __nccwpck_require__(2504);
var timestamp = __nccwpck_require__(4960);

const schema = [
    map.map,
    seq.seq,
    string.string,
    _null.nullTag,
    bool.trueTag,
    bool.falseTag,
    int.intBin,
    int.intOct,
    int.int,
    int.intHex,
    float.floatNaN,
    float.floatExp,
    float.float,
    binary.binary,
    merge.merge,
    omap.omap,
    pairs.pairs,
    set.set,
    timestamp.intTime,
    timestamp.floatTime,
    timestamp.timestamp
];

exports.schema = schema;


/***/ }),

/***/ 2504:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(4919);
var Pair = __nccwpck_require__(5773);
var YAMLMap = __nccwpck_require__(5462);

class YAMLSet extends YAMLMap.YAMLMap {
    constructor(schema) {
        super(schema);
        this.tag = YAMLSet.tag;
    }
    add(key) {
        let pair;
        if (identity.isPair(key))
            pair = key;
        else if (key &&
            typeof key === 'object' &&
            'key' in key &&
            'value' in key &&
            key.value === null)
            pair = new Pair.Pair(key.key, null);
        else
            pair = new Pair.Pair(key, null);
        const prev = YAMLMap.findPair(this.items, pair.key);
        if (!prev)
            this.items.push(pair);
    }
    /**
     * If `keepPair` is `true`, returns the Pair matching `key`.
     * Otherwise, returns the value of that Pair's key.
     */
    get(key, keepPair) {
        const pair = YAMLMap.findPair(this.items, key);
        return !keepPair && identity.isPair(pair)
            ? identity.isScalar(pair.key)
                ? pair.key.value
                : pair.key
            : pair;
    }
    set(key, value) {
        if (typeof value !== 'boolean')
            throw new Error(`Expected boolean value for set(key, value) in a YAML set, not ${typeof value}`);
        const prev = YAMLMap.findPair(this.items, key);
        if (prev && !value) {
            this.items.splice(this.items.indexOf(prev), 1);
        }
        else if (!prev && value) {
            this.items.push(new Pair.Pair(key));
        }
    }
    toJSON(_, ctx) {
        return super.toJSON(_, ctx, Set);
    }
    toString(ctx, onComment, onChompKeep) {
        if (!ctx)
            return JSON.stringify(this);
        if (this.hasAllNullValues(true))
            return super.toString(Object.assign({}, ctx, { allNullValues: true }), onComment, onChompKeep);
        else
            throw new Error('Set items must all have null values');
    }
    static from(schema, iterable, ctx) {
        const { replacer } = ctx;
        const set = new this(schema);
        if (iterable && Symbol.iterator in Object(iterable))
            for (let value of iterable) {
                if (typeof replacer === 'function')
                    value = replacer.call(iterable, value, value);
                set.items.push(Pair.createPair(value, null, ctx));
            }
        return set;
    }
}
YAMLSet.tag = 'tag:yaml.org,2002:set';
const set = {
    collection: 'map',
    identify: value => value instanceof Set,
    nodeClass: YAMLSet,
    default: false,
    tag: 'tag:yaml.org,2002:set',
    createNode: (schema, iterable, ctx) => YAMLSet.from(schema, iterable, ctx),
    resolve(map, onError) {
        if (identity.isMap(map)) {
            if (map.hasAllNullValues(true))
                return Object.assign(new YAMLSet(), map);
            else
                onError('Set items must all have null values');
        }
        else
            onError('Expected a mapping for this tag');
        return map;
    }
};

exports.YAMLSet = YAMLSet;
exports.set = set;


/***/ }),

/***/ 4960:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var stringifyNumber = __nccwpck_require__(3569);

/** Internal types handle bigint as number, because TS can't figure it out. */
function parseSexagesimal(str, asBigInt) {
    const sign = str[0];
    const parts = sign === '-' || sign === '+' ? str.substring(1) : str;
    const num = (n) => asBigInt ? BigInt(n) : Number(n);
    const res = parts
        .replace(/_/g, '')
        .split(':')
        .reduce((res, p) => res * num(60) + num(p), num(0));
    return (sign === '-' ? num(-1) * res : res);
}
/**
 * hhhh:mm:ss.sss
 *
 * Internal types handle bigint as number, because TS can't figure it out.
 */
function stringifySexagesimal(node) {
    let { value } = node;
    let num = (n) => n;
    if (typeof value === 'bigint')
        num = n => BigInt(n);
    else if (isNaN(value) || !isFinite(value))
        return stringifyNumber.stringifyNumber(node);
    let sign = '';
    if (value < 0) {
        sign = '-';
        value *= num(-1);
    }
    const _60 = num(60);
    const parts = [value % _60]; // seconds, including ms
    if (value < 60) {
        parts.unshift(0); // at least one : is required
    }
    else {
        value = (value - parts[0]) / _60;
        parts.unshift(value % _60); // minutes
        if (value >= 60) {
            value = (value - parts[0]) / _60;
            parts.unshift(value); // hours
        }
    }
    return (sign +
        parts
            .map(n => String(n).padStart(2, '0'))
            .join(':')
            .replace(/000000\d*$/, '') // % 60 may introduce error
    );
}
const intTime = {
    identify: value => typeof value === 'bigint' || Number.isInteger(value),
    default: true,
    tag: 'tag:yaml.org,2002:int',
    format: 'TIME',
    test: /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+$/,
    resolve: (str, _onError, { intAsBigInt }) => parseSexagesimal(str, intAsBigInt),
    stringify: stringifySexagesimal
};
const floatTime = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    format: 'TIME',
    test: /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*$/,
    resolve: str => parseSexagesimal(str, false),
    stringify: stringifySexagesimal
};
const timestamp = {
    identify: value => value instanceof Date,
    default: true,
    tag: 'tag:yaml.org,2002:timestamp',
    // If the time zone is omitted, the timestamp is assumed to be specified in UTC. The time part
    // may be omitted altogether, resulting in a date format. In such a case, the time part is
    // assumed to be 00:00:00Z (start of day, UTC).
    test: RegExp('^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})' + // YYYY-Mm-Dd
        '(?:' + // time is optional
        '(?:t|T|[ \\t]+)' + // t | T | whitespace
        '([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2}(\\.[0-9]+)?)' + // Hh:Mm:Ss(.ss)?
        '(?:[ \\t]*(Z|[-+][012]?[0-9](?::[0-9]{2})?))?' + // Z | +5 | -03:30
        ')?$'),
    resolve(str) {
        const match = str.match(timestamp.test);
        if (!match)
            throw new Error('!!timestamp expects a date, starting with yyyy-mm-dd');
        const [, year, month, day, hour, minute, second] = match.map(Number);
        const millisec = match[7] ? Number((match[7] + '00').substr(1, 3)) : 0;
        let date = Date.UTC(year, month - 1, day, hour || 0, minute || 0, second || 0, millisec);
        const tz = match[8];
        if (tz && tz !== 'Z') {
            let d = parseSexagesimal(tz, false);
            if (Math.abs(d) < 30)
                d *= 60;
            date -= 60000 * d;
        }
        return new Date(date);
    },
    stringify: ({ value }) => value?.toISOString().replace(/(T00:00:00)?\.000Z$/, '') ?? ''
};

exports.floatTime = floatTime;
exports.intTime = intTime;
exports.timestamp = timestamp;


/***/ }),

/***/ 9915:
/***/ ((__unused_webpack_module, exports) => {



const FOLD_FLOW = 'flow';
const FOLD_BLOCK = 'block';
const FOLD_QUOTED = 'quoted';
/**
 * Tries to keep input at up to `lineWidth` characters, splitting only on spaces
 * not followed by newlines or spaces unless `mode` is `'quoted'`. Lines are
 * terminated with `\n` and started with `indent`.
 */
function foldFlowLines(text, indent, mode = 'flow', { indentAtStart, lineWidth = 80, minContentWidth = 20, onFold, onOverflow } = {}) {
    if (!lineWidth || lineWidth < 0)
        return text;
    if (lineWidth < minContentWidth)
        minContentWidth = 0;
    const endStep = Math.max(1 + minContentWidth, 1 + lineWidth - indent.length);
    if (text.length <= endStep)
        return text;
    const folds = [];
    const escapedFolds = {};
    let end = lineWidth - indent.length;
    if (typeof indentAtStart === 'number') {
        if (indentAtStart > lineWidth - Math.max(2, minContentWidth))
            folds.push(0);
        else
            end = lineWidth - indentAtStart;
    }
    let split = undefined;
    let prev = undefined;
    let overflow = false;
    let i = -1;
    let escStart = -1;
    let escEnd = -1;
    if (mode === FOLD_BLOCK) {
        i = consumeMoreIndentedLines(text, i, indent.length);
        if (i !== -1)
            end = i + endStep;
    }
    for (let ch; (ch = text[(i += 1)]);) {
        if (mode === FOLD_QUOTED && ch === '\\') {
            escStart = i;
            switch (text[i + 1]) {
                case 'x':
                    i += 3;
                    break;
                case 'u':
                    i += 5;
                    break;
                case 'U':
                    i += 9;
                    break;
                default:
                    i += 1;
            }
            escEnd = i;
        }
        if (ch === '\n') {
            if (mode === FOLD_BLOCK)
                i = consumeMoreIndentedLines(text, i, indent.length);
            end = i + indent.length + endStep;
            split = undefined;
        }
        else {
            if (ch === ' ' &&
                prev &&
                prev !== ' ' &&
                prev !== '\n' &&
                prev !== '\t') {
                // space surrounded by non-space can be replaced with newline + indent
                const next = text[i + 1];
                if (next && next !== ' ' && next !== '\n' && next !== '\t')
                    split = i;
            }
            if (i >= end) {
                if (split) {
                    folds.push(split);
                    end = split + endStep;
                    split = undefined;
                }
                else if (mode === FOLD_QUOTED) {
                    // white-space collected at end may stretch past lineWidth
                    while (prev === ' ' || prev === '\t') {
                        prev = ch;
                        ch = text[(i += 1)];
                        overflow = true;
                    }
                    // Account for newline escape, but don't break preceding escape
                    const j = i > escEnd + 1 ? i - 2 : escStart - 1;
                    // Bail out if lineWidth & minContentWidth are shorter than an escape string
                    if (escapedFolds[j])
                        return text;
                    folds.push(j);
                    escapedFolds[j] = true;
                    end = j + endStep;
                    split = undefined;
                }
                else {
                    overflow = true;
                }
            }
        }
        prev = ch;
    }
    if (overflow && onOverflow)
        onOverflow();
    if (folds.length === 0)
        return text;
    if (onFold)
        onFold();
    let res = text.slice(0, folds[0]);
    for (let i = 0; i < folds.length; ++i) {
        const fold = folds[i];
        const end = folds[i + 1] || text.length;
        if (fold === 0)
            res = `\n${indent}${text.slice(0, end)}`;
        else {
            if (mode === FOLD_QUOTED && escapedFolds[fold])
                res += `${text[fold]}\\`;
            res += `\n${indent}${text.slice(fold + 1, end)}`;
        }
    }
    return res;
}
/**
 * Presumes `i + 1` is at the start of a line
 * @returns index of last newline in more-indented block
 */
function consumeMoreIndentedLines(text, i, indent) {
    let end = i;
    let start = i + 1;
    let ch = text[start];
    while (ch === ' ' || ch === '\t') {
        if (i < start + indent) {
            ch = text[++i];
        }
        else {
            do {
                ch = text[++i];
            } while (ch && ch !== '\n');
            end = i;
            start = i + 1;
            ch = text[start];
        }
    }
    return end;
}

exports.FOLD_BLOCK = FOLD_BLOCK;
exports.FOLD_FLOW = FOLD_FLOW;
exports.FOLD_QUOTED = FOLD_QUOTED;
exports.foldFlowLines = foldFlowLines;


/***/ }),

/***/ 9300:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var anchors = __nccwpck_require__(9196);
var identity = __nccwpck_require__(4919);
var stringifyComment = __nccwpck_require__(6599);
var stringifyString = __nccwpck_require__(1773);

function createStringifyContext(doc, options) {
    const opt = Object.assign({
        blockQuote: true,
        commentString: stringifyComment.stringifyComment,
        defaultKeyType: null,
        defaultStringType: 'PLAIN',
        directives: null,
        doubleQuotedAsJSON: false,
        doubleQuotedMinMultiLineLength: 40,
        falseStr: 'false',
        flowCollectionPadding: true,
        indentSeq: true,
        lineWidth: 80,
        minContentWidth: 20,
        nullStr: 'null',
        simpleKeys: false,
        singleQuote: null,
        trailingComma: false,
        trueStr: 'true',
        verifyAliasOrder: true
    }, doc.schema.toStringOptions, options);
    let inFlow;
    switch (opt.collectionStyle) {
        case 'block':
            inFlow = false;
            break;
        case 'flow':
            inFlow = true;
            break;
        default:
            inFlow = null;
    }
    return {
        anchors: new Set(),
        doc,
        flowCollectionPadding: opt.flowCollectionPadding ? ' ' : '',
        indent: '',
        indentStep: typeof opt.indent === 'number' ? ' '.repeat(opt.indent) : '  ',
        inFlow,
        options: opt
    };
}
function getTagObject(tags, item) {
    if (item.tag) {
        const match = tags.filter(t => t.tag === item.tag);
        if (match.length > 0)
            return match.find(t => t.format === item.format) ?? match[0];
    }
    let tagObj = undefined;
    let obj;
    if (identity.isScalar(item)) {
        obj = item.value;
        let match = tags.filter(t => t.identify?.(obj));
        if (match.length > 1) {
            const testMatch = match.filter(t => t.test);
            if (testMatch.length > 0)
                match = testMatch;
        }
        tagObj =
            match.find(t => t.format === item.format) ?? match.find(t => !t.format);
    }
    else {
        obj = item;
        tagObj = tags.find(t => t.nodeClass && obj instanceof t.nodeClass);
    }
    if (!tagObj) {
        const name = obj?.constructor?.name ?? (obj === null ? 'null' : typeof obj);
        throw new Error(`Tag not resolved for ${name} value`);
    }
    return tagObj;
}
// needs to be called before value stringifier to allow for circular anchor refs
function stringifyProps(node, tagObj, { anchors: anchors$1, doc }) {
    if (!doc.directives)
        return '';
    const props = [];
    const anchor = (identity.isScalar(node) || identity.isCollection(node)) && node.anchor;
    if (anchor && anchors.anchorIsValid(anchor)) {
        anchors$1.add(anchor);
        props.push(`&${anchor}`);
    }
    const tag = node.tag ?? (tagObj.default ? null : tagObj.tag);
    if (tag)
        props.push(doc.directives.tagString(tag));
    return props.join(' ');
}
function stringify(item, ctx, onComment, onChompKeep) {
    if (identity.isPair(item))
        return item.toString(ctx, onComment, onChompKeep);
    if (identity.isAlias(item)) {
        if (ctx.doc.directives)
            return item.toString(ctx);
        if (ctx.resolvedAliases?.has(item)) {
            throw new TypeError(`Cannot stringify circular structure without alias nodes`);
        }
        else {
            if (ctx.resolvedAliases)
                ctx.resolvedAliases.add(item);
            else
                ctx.resolvedAliases = new Set([item]);
            item = item.resolve(ctx.doc);
        }
    }
    let tagObj = undefined;
    const node = identity.isNode(item)
        ? item
        : ctx.doc.createNode(item, { onTagObj: o => (tagObj = o) });
    tagObj ?? (tagObj = getTagObject(ctx.doc.schema.tags, node));
    const props = stringifyProps(node, tagObj, ctx);
    if (props.length > 0)
        ctx.indentAtStart = (ctx.indentAtStart ?? 0) + props.length + 1;
    const str = typeof tagObj.stringify === 'function'
        ? tagObj.stringify(node, ctx, onComment, onChompKeep)
        : identity.isScalar(node)
            ? stringifyString.stringifyString(node, ctx, onComment, onChompKeep)
            : node.toString(ctx, onComment, onChompKeep);
    if (!props)
        return str;
    return identity.isScalar(node) || str[0] === '{' || str[0] === '['
        ? `${props} ${str}`
        : `${props}\n${ctx.indent}${str}`;
}

exports.createStringifyContext = createStringifyContext;
exports.stringify = stringify;


/***/ }),

/***/ 4156:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(4919);
var stringify = __nccwpck_require__(9300);
var stringifyComment = __nccwpck_require__(6599);

function stringifyCollection(collection, ctx, options) {
    const flow = ctx.inFlow ?? collection.flow;
    const stringify = flow ? stringifyFlowCollection : stringifyBlockCollection;
    return stringify(collection, ctx, options);
}
function stringifyBlockCollection({ comment, items }, ctx, { blockItemPrefix, flowChars, itemIndent, onChompKeep, onComment }) {
    const { indent, options: { commentString } } = ctx;
    const itemCtx = Object.assign({}, ctx, { indent: itemIndent, type: null });
    let chompKeep = false; // flag for the preceding node's status
    const lines = [];
    for (let i = 0; i < items.length; ++i) {
        const item = items[i];
        let comment = null;
        if (identity.isNode(item)) {
            if (!chompKeep && item.spaceBefore)
                lines.push('');
            addCommentBefore(ctx, lines, item.commentBefore, chompKeep);
            if (item.comment)
                comment = item.comment;
        }
        else if (identity.isPair(item)) {
            const ik = identity.isNode(item.key) ? item.key : null;
            if (ik) {
                if (!chompKeep && ik.spaceBefore)
                    lines.push('');
                addCommentBefore(ctx, lines, ik.commentBefore, chompKeep);
            }
        }
        chompKeep = false;
        let str = stringify.stringify(item, itemCtx, () => (comment = null), () => (chompKeep = true));
        if (comment)
            str += stringifyComment.lineComment(str, itemIndent, commentString(comment));
        if (chompKeep && comment)
            chompKeep = false;
        lines.push(blockItemPrefix + str);
    }
    let str;
    if (lines.length === 0) {
        str = flowChars.start + flowChars.end;
    }
    else {
        str = lines[0];
        for (let i = 1; i < lines.length; ++i) {
            const line = lines[i];
            str += line ? `\n${indent}${line}` : '\n';
        }
    }
    if (comment) {
        str += '\n' + stringifyComment.indentComment(commentString(comment), indent);
        if (onComment)
            onComment();
    }
    else if (chompKeep && onChompKeep)
        onChompKeep();
    return str;
}
function stringifyFlowCollection({ items }, ctx, { flowChars, itemIndent }) {
    const { indent, indentStep, flowCollectionPadding: fcPadding, options: { commentString } } = ctx;
    itemIndent += indentStep;
    const itemCtx = Object.assign({}, ctx, {
        indent: itemIndent,
        inFlow: true,
        type: null
    });
    let reqNewline = false;
    let linesAtValue = 0;
    const lines = [];
    for (let i = 0; i < items.length; ++i) {
        const item = items[i];
        let comment = null;
        if (identity.isNode(item)) {
            if (item.spaceBefore)
                lines.push('');
            addCommentBefore(ctx, lines, item.commentBefore, false);
            if (item.comment)
                comment = item.comment;
        }
        else if (identity.isPair(item)) {
            const ik = identity.isNode(item.key) ? item.key : null;
            if (ik) {
                if (ik.spaceBefore)
                    lines.push('');
                addCommentBefore(ctx, lines, ik.commentBefore, false);
                if (ik.comment)
                    reqNewline = true;
            }
            const iv = identity.isNode(item.value) ? item.value : null;
            if (iv) {
                if (iv.comment)
                    comment = iv.comment;
                if (iv.commentBefore)
                    reqNewline = true;
            }
            else if (item.value == null && ik?.comment) {
                comment = ik.comment;
            }
        }
        if (comment)
            reqNewline = true;
        let str = stringify.stringify(item, itemCtx, () => (comment = null));
        reqNewline || (reqNewline = lines.length > linesAtValue || str.includes('\n'));
        if (i < items.length - 1) {
            str += ',';
        }
        else if (ctx.options.trailingComma) {
            if (ctx.options.lineWidth > 0) {
                reqNewline || (reqNewline = lines.reduce((sum, line) => sum + line.length + 2, 2) +
                    (str.length + 2) >
                    ctx.options.lineWidth);
            }
            if (reqNewline) {
                str += ',';
            }
        }
        if (comment)
            str += stringifyComment.lineComment(str, itemIndent, commentString(comment));
        lines.push(str);
        linesAtValue = lines.length;
    }
    const { start, end } = flowChars;
    if (lines.length === 0) {
        return start + end;
    }
    else {
        if (!reqNewline) {
            const len = lines.reduce((sum, line) => sum + line.length + 2, 2);
            reqNewline = ctx.options.lineWidth > 0 && len > ctx.options.lineWidth;
        }
        if (reqNewline) {
            let str = start;
            for (const line of lines)
                str += line ? `\n${indentStep}${indent}${line}` : '\n';
            return `${str}\n${indent}${end}`;
        }
        else {
            return `${start}${fcPadding}${lines.join(' ')}${fcPadding}${end}`;
        }
    }
}
function addCommentBefore({ indent, options: { commentString } }, lines, comment, chompKeep) {
    if (comment && chompKeep)
        comment = comment.replace(/^\n+/, '');
    if (comment) {
        const ic = stringifyComment.indentComment(commentString(comment), indent);
        lines.push(ic.trimStart()); // Avoid double indent on first line
    }
}

exports.stringifyCollection = stringifyCollection;


/***/ }),

/***/ 6599:
/***/ ((__unused_webpack_module, exports) => {



/**
 * Stringifies a comment.
 *
 * Empty comment lines are left empty,
 * lines consisting of a single space are replaced by `#`,
 * and all other lines are prefixed with a `#`.
 */
const stringifyComment = (str) => str.replace(/^(?!$)(?: $)?/gm, '#');
function indentComment(comment, indent) {
    if (/^\n+$/.test(comment))
        return comment.substring(1);
    return indent ? comment.replace(/^(?! *$)/gm, indent) : comment;
}
const lineComment = (str, indent, comment) => str.endsWith('\n')
    ? indentComment(comment, indent)
    : comment.includes('\n')
        ? '\n' + indentComment(comment, indent)
        : (str.endsWith(' ') ? '' : ' ') + comment;

exports.indentComment = indentComment;
exports.lineComment = lineComment;
exports.stringifyComment = stringifyComment;


/***/ }),

/***/ 2285:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(4919);
var stringify = __nccwpck_require__(9300);
var stringifyComment = __nccwpck_require__(6599);

function stringifyDocument(doc, options) {
    const lines = [];
    let hasDirectives = options.directives === true;
    if (options.directives !== false && doc.directives) {
        const dir = doc.directives.toString(doc);
        if (dir) {
            lines.push(dir);
            hasDirectives = true;
        }
        else if (doc.directives.docStart)
            hasDirectives = true;
    }
    if (hasDirectives)
        lines.push('---');
    const ctx = stringify.createStringifyContext(doc, options);
    const { commentString } = ctx.options;
    if (doc.commentBefore) {
        if (lines.length !== 1)
            lines.unshift('');
        const cs = commentString(doc.commentBefore);
        lines.unshift(stringifyComment.indentComment(cs, ''));
    }
    let chompKeep = false;
    let contentComment = null;
    if (doc.contents) {
        if (identity.isNode(doc.contents)) {
            if (doc.contents.spaceBefore && hasDirectives)
                lines.push('');
            if (doc.contents.commentBefore) {
                const cs = commentString(doc.contents.commentBefore);
                lines.push(stringifyComment.indentComment(cs, ''));
            }
            // top-level block scalars need to be indented if followed by a comment
            ctx.forceBlockIndent = !!doc.comment;
            contentComment = doc.contents.comment;
        }
        const onChompKeep = contentComment ? undefined : () => (chompKeep = true);
        let body = stringify.stringify(doc.contents, ctx, () => (contentComment = null), onChompKeep);
        if (contentComment)
            body += stringifyComment.lineComment(body, '', commentString(contentComment));
        if ((body[0] === '|' || body[0] === '>') &&
            lines[lines.length - 1] === '---') {
            // Top-level block scalars with a preceding doc marker ought to use the
            // same line for their header.
            lines[lines.length - 1] = `--- ${body}`;
        }
        else
            lines.push(body);
    }
    else {
        lines.push(stringify.stringify(doc.contents, ctx));
    }
    if (doc.directives?.docEnd) {
        if (doc.comment) {
            const cs = commentString(doc.comment);
            if (cs.includes('\n')) {
                lines.push('...');
                lines.push(stringifyComment.indentComment(cs, ''));
            }
            else {
                lines.push(`... ${cs}`);
            }
        }
        else {
            lines.push('...');
        }
    }
    else {
        let dc = doc.comment;
        if (dc && chompKeep)
            dc = dc.replace(/^\n+/, '');
        if (dc) {
            if ((!chompKeep || contentComment) && lines[lines.length - 1] !== '')
                lines.push('');
            lines.push(stringifyComment.indentComment(commentString(dc), ''));
        }
    }
    return lines.join('\n') + '\n';
}

exports.stringifyDocument = stringifyDocument;


/***/ }),

/***/ 3569:
/***/ ((__unused_webpack_module, exports) => {



function stringifyNumber({ format, minFractionDigits, tag, value }) {
    if (typeof value === 'bigint')
        return String(value);
    const num = typeof value === 'number' ? value : Number(value);
    if (!isFinite(num))
        return isNaN(num) ? '.nan' : num < 0 ? '-.inf' : '.inf';
    let n = Object.is(value, -0) ? '-0' : JSON.stringify(value);
    if (!format &&
        minFractionDigits &&
        (!tag || tag === 'tag:yaml.org,2002:float') &&
        /^-?\d/.test(n) &&
        !n.includes('e')) {
        let i = n.indexOf('.');
        if (i < 0) {
            i = n.length;
            n += '.';
        }
        let d = minFractionDigits - (n.length - i - 1);
        while (d-- > 0)
            n += '0';
    }
    return n;
}

exports.stringifyNumber = stringifyNumber;


/***/ }),

/***/ 7764:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(4919);
var Scalar = __nccwpck_require__(389);
var stringify = __nccwpck_require__(9300);
var stringifyComment = __nccwpck_require__(6599);

function stringifyPair({ key, value }, ctx, onComment, onChompKeep) {
    const { allNullValues, doc, indent, indentStep, options: { commentString, indentSeq, simpleKeys } } = ctx;
    let keyComment = (identity.isNode(key) && key.comment) || null;
    if (simpleKeys) {
        if (keyComment) {
            throw new Error('With simple keys, key nodes cannot have comments');
        }
        if (identity.isCollection(key) || (!identity.isNode(key) && typeof key === 'object')) {
            const msg = 'With simple keys, collection cannot be used as a key value';
            throw new Error(msg);
        }
    }
    let explicitKey = !simpleKeys &&
        (!key ||
            (keyComment && value == null && !ctx.inFlow) ||
            identity.isCollection(key) ||
            (identity.isScalar(key)
                ? key.type === Scalar.Scalar.BLOCK_FOLDED || key.type === Scalar.Scalar.BLOCK_LITERAL
                : typeof key === 'object'));
    ctx = Object.assign({}, ctx, {
        allNullValues: false,
        implicitKey: !explicitKey && (simpleKeys || !allNullValues),
        indent: indent + indentStep
    });
    let keyCommentDone = false;
    let chompKeep = false;
    let str = stringify.stringify(key, ctx, () => (keyCommentDone = true), () => (chompKeep = true));
    if (!explicitKey && !ctx.inFlow && str.length > 1024) {
        if (simpleKeys)
            throw new Error('With simple keys, single line scalar must not span more than 1024 characters');
        explicitKey = true;
    }
    if (ctx.inFlow) {
        if (allNullValues || value == null) {
            if (keyCommentDone && onComment)
                onComment();
            return str === '' ? '?' : explicitKey ? `? ${str}` : str;
        }
    }
    else if ((allNullValues && !simpleKeys) || (value == null && explicitKey)) {
        str = `? ${str}`;
        if (keyComment && !keyCommentDone) {
            str += stringifyComment.lineComment(str, ctx.indent, commentString(keyComment));
        }
        else if (chompKeep && onChompKeep)
            onChompKeep();
        return str;
    }
    if (keyCommentDone)
        keyComment = null;
    if (explicitKey) {
        if (keyComment)
            str += stringifyComment.lineComment(str, ctx.indent, commentString(keyComment));
        str = `? ${str}\n${indent}:`;
    }
    else {
        str = `${str}:`;
        if (keyComment)
            str += stringifyComment.lineComment(str, ctx.indent, commentString(keyComment));
    }
    let vsb, vcb, valueComment;
    if (identity.isNode(value)) {
        vsb = !!value.spaceBefore;
        vcb = value.commentBefore;
        valueComment = value.comment;
    }
    else {
        vsb = false;
        vcb = null;
        valueComment = null;
        if (value && typeof value === 'object')
            value = doc.createNode(value);
    }
    ctx.implicitKey = false;
    if (!explicitKey && !keyComment && identity.isScalar(value))
        ctx.indentAtStart = str.length + 1;
    chompKeep = false;
    if (!indentSeq &&
        indentStep.length >= 2 &&
        !ctx.inFlow &&
        !explicitKey &&
        identity.isSeq(value) &&
        !value.flow &&
        !value.tag &&
        !value.anchor) {
        // If indentSeq === false, consider '- ' as part of indentation where possible
        ctx.indent = ctx.indent.substring(2);
    }
    let valueCommentDone = false;
    const valueStr = stringify.stringify(value, ctx, () => (valueCommentDone = true), () => (chompKeep = true));
    let ws = ' ';
    if (keyComment || vsb || vcb) {
        ws = vsb ? '\n' : '';
        if (vcb) {
            const cs = commentString(vcb);
            ws += `\n${stringifyComment.indentComment(cs, ctx.indent)}`;
        }
        if (valueStr === '' && !ctx.inFlow) {
            if (ws === '\n' && valueComment)
                ws = '\n\n';
        }
        else {
            ws += `\n${ctx.indent}`;
        }
    }
    else if (!explicitKey && identity.isCollection(value)) {
        const vs0 = valueStr[0];
        const nl0 = valueStr.indexOf('\n');
        const hasNewline = nl0 !== -1;
        const flow = ctx.inFlow ?? value.flow ?? value.items.length === 0;
        if (hasNewline || !flow) {
            let hasPropsLine = false;
            if (hasNewline && (vs0 === '&' || vs0 === '!')) {
                let sp0 = valueStr.indexOf(' ');
                if (vs0 === '&' &&
                    sp0 !== -1 &&
                    sp0 < nl0 &&
                    valueStr[sp0 + 1] === '!') {
                    sp0 = valueStr.indexOf(' ', sp0 + 1);
                }
                if (sp0 === -1 || nl0 < sp0)
                    hasPropsLine = true;
            }
            if (!hasPropsLine)
                ws = `\n${ctx.indent}`;
        }
    }
    else if (valueStr === '' || valueStr[0] === '\n') {
        ws = '';
    }
    str += ws + valueStr;
    if (ctx.inFlow) {
        if (valueCommentDone && onComment)
            onComment();
    }
    else if (valueComment && !valueCommentDone) {
        str += stringifyComment.lineComment(str, ctx.indent, commentString(valueComment));
    }
    else if (chompKeep && onChompKeep) {
        onChompKeep();
    }
    return str;
}

exports.stringifyPair = stringifyPair;


/***/ }),

/***/ 1773:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(389);
var foldFlowLines = __nccwpck_require__(9915);

const getFoldOptions = (ctx, isBlock) => ({
    indentAtStart: isBlock ? ctx.indent.length : ctx.indentAtStart,
    lineWidth: ctx.options.lineWidth,
    minContentWidth: ctx.options.minContentWidth
});
// Also checks for lines starting with %, as parsing the output as YAML 1.1 will
// presume that's starting a new document.
const containsDocumentMarker = (str) => /^(%|---|\.\.\.)/m.test(str);
function lineLengthOverLimit(str, lineWidth, indentLength) {
    if (!lineWidth || lineWidth < 0)
        return false;
    const limit = lineWidth - indentLength;
    const strLen = str.length;
    if (strLen <= limit)
        return false;
    for (let i = 0, start = 0; i < strLen; ++i) {
        if (str[i] === '\n') {
            if (i - start > limit)
                return true;
            start = i + 1;
            if (strLen - start <= limit)
                return false;
        }
    }
    return true;
}
function doubleQuotedString(value, ctx) {
    const json = JSON.stringify(value);
    if (ctx.options.doubleQuotedAsJSON)
        return json;
    const { implicitKey } = ctx;
    const minMultiLineLength = ctx.options.doubleQuotedMinMultiLineLength;
    const indent = ctx.indent || (containsDocumentMarker(value) ? '  ' : '');
    let str = '';
    let start = 0;
    for (let i = 0, ch = json[i]; ch; ch = json[++i]) {
        if (ch === ' ' && json[i + 1] === '\\' && json[i + 2] === 'n') {
            // space before newline needs to be escaped to not be folded
            str += json.slice(start, i) + '\\ ';
            i += 1;
            start = i;
            ch = '\\';
        }
        if (ch === '\\')
            switch (json[i + 1]) {
                case 'u':
                    {
                        str += json.slice(start, i);
                        const code = json.substr(i + 2, 4);
                        switch (code) {
                            case '0000':
                                str += '\\0';
                                break;
                            case '0007':
                                str += '\\a';
                                break;
                            case '000b':
                                str += '\\v';
                                break;
                            case '001b':
                                str += '\\e';
                                break;
                            case '0085':
                                str += '\\N';
                                break;
                            case '00a0':
                                str += '\\_';
                                break;
                            case '2028':
                                str += '\\L';
                                break;
                            case '2029':
                                str += '\\P';
                                break;
                            default:
                                if (code.substr(0, 2) === '00')
                                    str += '\\x' + code.substr(2);
                                else
                                    str += json.substr(i, 6);
                        }
                        i += 5;
                        start = i + 1;
                    }
                    break;
                case 'n':
                    if (implicitKey ||
                        json[i + 2] === '"' ||
                        json.length < minMultiLineLength) {
                        i += 1;
                    }
                    else {
                        // folding will eat first newline
                        str += json.slice(start, i) + '\n\n';
                        while (json[i + 2] === '\\' &&
                            json[i + 3] === 'n' &&
                            json[i + 4] !== '"') {
                            str += '\n';
                            i += 2;
                        }
                        str += indent;
                        // space after newline needs to be escaped to not be folded
                        if (json[i + 2] === ' ')
                            str += '\\';
                        i += 1;
                        start = i + 1;
                    }
                    break;
                default:
                    i += 1;
            }
    }
    str = start ? str + json.slice(start) : json;
    return implicitKey
        ? str
        : foldFlowLines.foldFlowLines(str, indent, foldFlowLines.FOLD_QUOTED, getFoldOptions(ctx, false));
}
function singleQuotedString(value, ctx) {
    if (ctx.options.singleQuote === false ||
        (ctx.implicitKey && value.includes('\n')) ||
        /[ \t]\n|\n[ \t]/.test(value) // single quoted string can't have leading or trailing whitespace around newline
    )
        return doubleQuotedString(value, ctx);
    const indent = ctx.indent || (containsDocumentMarker(value) ? '  ' : '');
    const res = "'" + value.replace(/'/g, "''").replace(/\n+/g, `$&\n${indent}`) + "'";
    return ctx.implicitKey
        ? res
        : foldFlowLines.foldFlowLines(res, indent, foldFlowLines.FOLD_FLOW, getFoldOptions(ctx, false));
}
function quotedString(value, ctx) {
    const { singleQuote } = ctx.options;
    let qs;
    if (singleQuote === false)
        qs = doubleQuotedString;
    else {
        const hasDouble = value.includes('"');
        const hasSingle = value.includes("'");
        if (hasDouble && !hasSingle)
            qs = singleQuotedString;
        else if (hasSingle && !hasDouble)
            qs = doubleQuotedString;
        else
            qs = singleQuote ? singleQuotedString : doubleQuotedString;
    }
    return qs(value, ctx);
}
// The negative lookbehind avoids a polynomial search,
// but isn't supported yet on Safari: https://caniuse.com/js-regexp-lookbehind
let blockEndNewlines;
try {
    blockEndNewlines = new RegExp('(^|(?<!\n))\n+(?!\n|$)', 'g');
}
catch {
    blockEndNewlines = /\n+(?!\n|$)/g;
}
function blockString({ comment, type, value }, ctx, onComment, onChompKeep) {
    const { blockQuote, commentString, lineWidth } = ctx.options;
    // 1. Block can't end in whitespace unless the last line is non-empty.
    // 2. Strings consisting of only whitespace are best rendered explicitly.
    if (!blockQuote || /\n[\t ]+$/.test(value)) {
        return quotedString(value, ctx);
    }
    const indent = ctx.indent ||
        (ctx.forceBlockIndent || containsDocumentMarker(value) ? '  ' : '');
    const literal = blockQuote === 'literal'
        ? true
        : blockQuote === 'folded' || type === Scalar.Scalar.BLOCK_FOLDED
            ? false
            : type === Scalar.Scalar.BLOCK_LITERAL
                ? true
                : !lineLengthOverLimit(value, lineWidth, indent.length);
    if (!value)
        return literal ? '|\n' : '>\n';
    // determine chomping from whitespace at value end
    let chomp;
    let endStart;
    for (endStart = value.length; endStart > 0; --endStart) {
        const ch = value[endStart - 1];
        if (ch !== '\n' && ch !== '\t' && ch !== ' ')
            break;
    }
    let end = value.substring(endStart);
    const endNlPos = end.indexOf('\n');
    if (endNlPos === -1) {
        chomp = '-'; // strip
    }
    else if (value === end || endNlPos !== end.length - 1) {
        chomp = '+'; // keep
        if (onChompKeep)
            onChompKeep();
    }
    else {
        chomp = ''; // clip
    }
    if (end) {
        value = value.slice(0, -end.length);
        if (end[end.length - 1] === '\n')
            end = end.slice(0, -1);
        end = end.replace(blockEndNewlines, `$&${indent}`);
    }
    // determine indent indicator from whitespace at value start
    let startWithSpace = false;
    let startEnd;
    let startNlPos = -1;
    for (startEnd = 0; startEnd < value.length; ++startEnd) {
        const ch = value[startEnd];
        if (ch === ' ')
            startWithSpace = true;
        else if (ch === '\n')
            startNlPos = startEnd;
        else
            break;
    }
    let start = value.substring(0, startNlPos < startEnd ? startNlPos + 1 : startEnd);
    if (start) {
        value = value.substring(start.length);
        start = start.replace(/\n+/g, `$&${indent}`);
    }
    const indentSize = indent ? '2' : '1'; // root is at -1
    // Leading | or > is added later
    let header = (startWithSpace ? indentSize : '') + chomp;
    if (comment) {
        header += ' ' + commentString(comment.replace(/ ?[\r\n]+/g, ' '));
        if (onComment)
            onComment();
    }
    if (!literal) {
        const foldedValue = value
            .replace(/\n+/g, '\n$&')
            .replace(/(?:^|\n)([\t ].*)(?:([\n\t ]*)\n(?![\n\t ]))?/g, '$1$2') // more-indented lines aren't folded
            //                ^ more-ind. ^ empty     ^ capture next empty lines only at end of indent
            .replace(/\n+/g, `$&${indent}`);
        let literalFallback = false;
        const foldOptions = getFoldOptions(ctx, true);
        if (blockQuote !== 'folded' && type !== Scalar.Scalar.BLOCK_FOLDED) {
            foldOptions.onOverflow = () => {
                literalFallback = true;
            };
        }
        const body = foldFlowLines.foldFlowLines(`${start}${foldedValue}${end}`, indent, foldFlowLines.FOLD_BLOCK, foldOptions);
        if (!literalFallback)
            return `>${header}\n${indent}${body}`;
    }
    value = value.replace(/\n+/g, `$&${indent}`);
    return `|${header}\n${indent}${start}${value}${end}`;
}
function plainString(item, ctx, onComment, onChompKeep) {
    const { type, value } = item;
    const { actualString, implicitKey, indent, indentStep, inFlow } = ctx;
    if ((implicitKey && value.includes('\n')) ||
        (inFlow && /[[\]{},]/.test(value))) {
        return quotedString(value, ctx);
    }
    if (/^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/.test(value)) {
        // not allowed:
        // - '-' or '?'
        // - start with an indicator character (except [?:-]) or /[?-] /
        // - '\n ', ': ' or ' \n' anywhere
        // - '#' not preceded by a non-space char
        // - end with ' ' or ':'
        return implicitKey || inFlow || !value.includes('\n')
            ? quotedString(value, ctx)
            : blockString(item, ctx, onComment, onChompKeep);
    }
    if (!implicitKey &&
        !inFlow &&
        type !== Scalar.Scalar.PLAIN &&
        value.includes('\n')) {
        // Where allowed & type not set explicitly, prefer block style for multiline strings
        return blockString(item, ctx, onComment, onChompKeep);
    }
    if (containsDocumentMarker(value)) {
        if (indent === '') {
            ctx.forceBlockIndent = true;
            return blockString(item, ctx, onComment, onChompKeep);
        }
        else if (implicitKey && indent === indentStep) {
            return quotedString(value, ctx);
        }
    }
    const str = value.replace(/\n+/g, `$&\n${indent}`);
    // Verify that output will be parsed as a string, as e.g. plain numbers and
    // booleans get parsed with those types in v1.2 (e.g. '42', 'true' & '0.9e-3'),
    // and others in v1.1.
    if (actualString) {
        const test = (tag) => tag.default && tag.tag !== 'tag:yaml.org,2002:str' && tag.test?.test(str);
        const { compat, tags } = ctx.doc.schema;
        if (tags.some(test) || compat?.some(test))
            return quotedString(value, ctx);
    }
    return implicitKey
        ? str
        : foldFlowLines.foldFlowLines(str, indent, foldFlowLines.FOLD_FLOW, getFoldOptions(ctx, false));
}
function stringifyString(item, ctx, onComment, onChompKeep) {
    const { implicitKey, inFlow } = ctx;
    const ss = typeof item.value === 'string'
        ? item
        : Object.assign({}, item, { value: String(item.value) });
    let { type } = item;
    if (type !== Scalar.Scalar.QUOTE_DOUBLE) {
        // force double quotes on control characters & unpaired surrogates
        if (/[\x00-\x08\x0b-\x1f\x7f-\x9f\u{D800}-\u{DFFF}]/u.test(ss.value))
            type = Scalar.Scalar.QUOTE_DOUBLE;
    }
    const _stringify = (_type) => {
        switch (_type) {
            case Scalar.Scalar.BLOCK_FOLDED:
            case Scalar.Scalar.BLOCK_LITERAL:
                return implicitKey || inFlow
                    ? quotedString(ss.value, ctx) // blocks are not valid inside flow containers
                    : blockString(ss, ctx, onComment, onChompKeep);
            case Scalar.Scalar.QUOTE_DOUBLE:
                return doubleQuotedString(ss.value, ctx);
            case Scalar.Scalar.QUOTE_SINGLE:
                return singleQuotedString(ss.value, ctx);
            case Scalar.Scalar.PLAIN:
                return plainString(ss, ctx, onComment, onChompKeep);
            default:
                return null;
        }
    };
    let res = _stringify(type);
    if (res === null) {
        const { defaultKeyType, defaultStringType } = ctx.options;
        const t = (implicitKey && defaultKeyType) || defaultStringType;
        res = _stringify(t);
        if (res === null)
            throw new Error(`Unsupported default string type ${t}`);
    }
    return res;
}

exports.stringifyString = stringifyString;


/***/ }),

/***/ 2588:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(4919);

const BREAK = Symbol('break visit');
const SKIP = Symbol('skip children');
const REMOVE = Symbol('remove node');
/**
 * Apply a visitor to an AST node or document.
 *
 * Walks through the tree (depth-first) starting from `node`, calling a
 * `visitor` function with three arguments:
 *   - `key`: For sequence values and map `Pair`, the node's index in the
 *     collection. Within a `Pair`, `'key'` or `'value'`, correspondingly.
 *     `null` for the root node.
 *   - `node`: The current node.
 *   - `path`: The ancestry of the current node.
 *
 * The return value of the visitor may be used to control the traversal:
 *   - `undefined` (default): Do nothing and continue
 *   - `visit.SKIP`: Do not visit the children of this node, continue with next
 *     sibling
 *   - `visit.BREAK`: Terminate traversal completely
 *   - `visit.REMOVE`: Remove the current node, then continue with the next one
 *   - `Node`: Replace the current node, then continue by visiting it
 *   - `number`: While iterating the items of a sequence or map, set the index
 *     of the next step. This is useful especially if the index of the current
 *     node has changed.
 *
 * If `visitor` is a single function, it will be called with all values
 * encountered in the tree, including e.g. `null` values. Alternatively,
 * separate visitor functions may be defined for each `Map`, `Pair`, `Seq`,
 * `Alias` and `Scalar` node. To define the same visitor function for more than
 * one node type, use the `Collection` (map and seq), `Value` (map, seq & scalar)
 * and `Node` (alias, map, seq & scalar) targets. Of all these, only the most
 * specific defined one will be used for each node.
 */
function visit(node, visitor) {
    const visitor_ = initVisitor(visitor);
    if (identity.isDocument(node)) {
        const cd = visit_(null, node.contents, visitor_, Object.freeze([node]));
        if (cd === REMOVE)
            node.contents = null;
    }
    else
        visit_(null, node, visitor_, Object.freeze([]));
}
// Without the `as symbol` casts, TS declares these in the `visit`
// namespace using `var`, but then complains about that because
// `unique symbol` must be `const`.
/** Terminate visit traversal completely */
visit.BREAK = BREAK;
/** Do not visit the children of the current node */
visit.SKIP = SKIP;
/** Remove the current node */
visit.REMOVE = REMOVE;
function visit_(key, node, visitor, path) {
    const ctrl = callVisitor(key, node, visitor, path);
    if (identity.isNode(ctrl) || identity.isPair(ctrl)) {
        replaceNode(key, path, ctrl);
        return visit_(key, ctrl, visitor, path);
    }
    if (typeof ctrl !== 'symbol') {
        if (identity.isCollection(node)) {
            path = Object.freeze(path.concat(node));
            for (let i = 0; i < node.items.length; ++i) {
                const ci = visit_(i, node.items[i], visitor, path);
                if (typeof ci === 'number')
                    i = ci - 1;
                else if (ci === BREAK)
                    return BREAK;
                else if (ci === REMOVE) {
                    node.items.splice(i, 1);
                    i -= 1;
                }
            }
        }
        else if (identity.isPair(node)) {
            path = Object.freeze(path.concat(node));
            const ck = visit_('key', node.key, visitor, path);
            if (ck === BREAK)
                return BREAK;
            else if (ck === REMOVE)
                node.key = null;
            const cv = visit_('value', node.value, visitor, path);
            if (cv === BREAK)
                return BREAK;
            else if (cv === REMOVE)
                node.value = null;
        }
    }
    return ctrl;
}
/**
 * Apply an async visitor to an AST node or document.
 *
 * Walks through the tree (depth-first) starting from `node`, calling a
 * `visitor` function with three arguments:
 *   - `key`: For sequence values and map `Pair`, the node's index in the
 *     collection. Within a `Pair`, `'key'` or `'value'`, correspondingly.
 *     `null` for the root node.
 *   - `node`: The current node.
 *   - `path`: The ancestry of the current node.
 *
 * The return value of the visitor may be used to control the traversal:
 *   - `Promise`: Must resolve to one of the following values
 *   - `undefined` (default): Do nothing and continue
 *   - `visit.SKIP`: Do not visit the children of this node, continue with next
 *     sibling
 *   - `visit.BREAK`: Terminate traversal completely
 *   - `visit.REMOVE`: Remove the current node, then continue with the next one
 *   - `Node`: Replace the current node, then continue by visiting it
 *   - `number`: While iterating the items of a sequence or map, set the index
 *     of the next step. This is useful especially if the index of the current
 *     node has changed.
 *
 * If `visitor` is a single function, it will be called with all values
 * encountered in the tree, including e.g. `null` values. Alternatively,
 * separate visitor functions may be defined for each `Map`, `Pair`, `Seq`,
 * `Alias` and `Scalar` node. To define the same visitor function for more than
 * one node type, use the `Collection` (map and seq), `Value` (map, seq & scalar)
 * and `Node` (alias, map, seq & scalar) targets. Of all these, only the most
 * specific defined one will be used for each node.
 */
async function visitAsync(node, visitor) {
    const visitor_ = initVisitor(visitor);
    if (identity.isDocument(node)) {
        const cd = await visitAsync_(null, node.contents, visitor_, Object.freeze([node]));
        if (cd === REMOVE)
            node.contents = null;
    }
    else
        await visitAsync_(null, node, visitor_, Object.freeze([]));
}
// Without the `as symbol` casts, TS declares these in the `visit`
// namespace using `var`, but then complains about that because
// `unique symbol` must be `const`.
/** Terminate visit traversal completely */
visitAsync.BREAK = BREAK;
/** Do not visit the children of the current node */
visitAsync.SKIP = SKIP;
/** Remove the current node */
visitAsync.REMOVE = REMOVE;
async function visitAsync_(key, node, visitor, path) {
    const ctrl = await callVisitor(key, node, visitor, path);
    if (identity.isNode(ctrl) || identity.isPair(ctrl)) {
        replaceNode(key, path, ctrl);
        return visitAsync_(key, ctrl, visitor, path);
    }
    if (typeof ctrl !== 'symbol') {
        if (identity.isCollection(node)) {
            path = Object.freeze(path.concat(node));
            for (let i = 0; i < node.items.length; ++i) {
                const ci = await visitAsync_(i, node.items[i], visitor, path);
                if (typeof ci === 'number')
                    i = ci - 1;
                else if (ci === BREAK)
                    return BREAK;
                else if (ci === REMOVE) {
                    node.items.splice(i, 1);
                    i -= 1;
                }
            }
        }
        else if (identity.isPair(node)) {
            path = Object.freeze(path.concat(node));
            const ck = await visitAsync_('key', node.key, visitor, path);
            if (ck === BREAK)
                return BREAK;
            else if (ck === REMOVE)
                node.key = null;
            const cv = await visitAsync_('value', node.value, visitor, path);
            if (cv === BREAK)
                return BREAK;
            else if (cv === REMOVE)
                node.value = null;
        }
    }
    return ctrl;
}
function initVisitor(visitor) {
    if (typeof visitor === 'object' &&
        (visitor.Collection || visitor.Node || visitor.Value)) {
        return Object.assign({
            Alias: visitor.Node,
            Map: visitor.Node,
            Scalar: visitor.Node,
            Seq: visitor.Node
        }, visitor.Value && {
            Map: visitor.Value,
            Scalar: visitor.Value,
            Seq: visitor.Value
        }, visitor.Collection && {
            Map: visitor.Collection,
            Seq: visitor.Collection
        }, visitor);
    }
    return visitor;
}
function callVisitor(key, node, visitor, path) {
    if (typeof visitor === 'function')
        return visitor(key, node, path);
    if (identity.isMap(node))
        return visitor.Map?.(key, node, path);
    if (identity.isSeq(node))
        return visitor.Seq?.(key, node, path);
    if (identity.isPair(node))
        return visitor.Pair?.(key, node, path);
    if (identity.isScalar(node))
        return visitor.Scalar?.(key, node, path);
    if (identity.isAlias(node))
        return visitor.Alias?.(key, node, path);
    return undefined;
}
function replaceNode(key, path, node) {
    const parent = path[path.length - 1];
    if (identity.isCollection(parent)) {
        parent.items[key] = node;
    }
    else if (identity.isPair(parent)) {
        if (key === 'key')
            parent.key = node;
        else
            parent.value = node;
    }
    else if (identity.isDocument(parent)) {
        parent.contents = node;
    }
    else {
        const pt = identity.isAlias(parent) ? 'alias' : 'scalar';
        throw new Error(`Cannot replace node with ${pt} parent`);
    }
}

exports.visit = visit;
exports.visitAsync = visitAsync;


/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId].call(module.exports, module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/******/ // expose the modules object (__webpack_modules__)
/******/ __nccwpck_require__.m = __webpack_modules__;
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/create fake namespace object */
/******/ (() => {
/******/ 	var getProto = Object.getPrototypeOf ? (obj) => (Object.getPrototypeOf(obj)) : (obj) => (obj.__proto__);
/******/ 	var leafPrototypes;
/******/ 	// create a fake namespace object
/******/ 	// mode & 1: value is a module id, require it
/******/ 	// mode & 2: merge all properties of value into the ns
/******/ 	// mode & 4: return value when already ns object
/******/ 	// mode & 16: return value when it's Promise-like
/******/ 	// mode & 8|1: behave like require
/******/ 	__nccwpck_require__.t = function(value, mode) {
/******/ 		if(mode & 1) value = this(value);
/******/ 		if(mode & 8) return value;
/******/ 		if(typeof value === 'object' && value) {
/******/ 			if((mode & 4) && value.__esModule) return value;
/******/ 			if((mode & 16) && typeof value.then === 'function') return value;
/******/ 		}
/******/ 		var ns = Object.create(null);
/******/ 		__nccwpck_require__.r(ns);
/******/ 		var def = {};
/******/ 		leafPrototypes = leafPrototypes || [null, getProto({}), getProto([]), getProto(getProto)];
/******/ 		for(var current = mode & 2 && value; typeof current == 'object' && !~leafPrototypes.indexOf(current); current = getProto(current)) {
/******/ 			Object.getOwnPropertyNames(current).forEach((key) => (def[key] = () => (value[key])));
/******/ 		}
/******/ 		def['default'] = () => (value);
/******/ 		__nccwpck_require__.d(ns, def);
/******/ 		return ns;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/ensure chunk */
/******/ (() => {
/******/ 	__nccwpck_require__.f = {};
/******/ 	// This file contains only the entry chunk.
/******/ 	// The chunk loading function for additional chunks
/******/ 	__nccwpck_require__.e = (chunkId) => {
/******/ 		return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 			__nccwpck_require__.f[key](chunkId, promises);
/******/ 			return promises;
/******/ 		}, []));
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/get javascript chunk filename */
/******/ (() => {
/******/ 	// This function allow to reference async chunks
/******/ 	__nccwpck_require__.u = (chunkId) => {
/******/ 		// return url for filenames based on template
/******/ 		return "" + chunkId + ".index.js";
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/make namespace object */
/******/ (() => {
/******/ 	// define __esModule on exports
/******/ 	__nccwpck_require__.r = (exports) => {
/******/ 		if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 			Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 		}
/******/ 		Object.defineProperty(exports, '__esModule', { value: true });
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	// no baseURI
/******/ 	
/******/ 	// object to store loaded and loading chunks
/******/ 	// undefined = chunk not loaded, null = chunk preloaded/prefetched
/******/ 	// [resolve, Promise] = chunk loading, 0 = chunk loaded
/******/ 	var installedChunks = {
/******/ 		792: 0
/******/ 	};
/******/ 	
/******/ 	var installChunk = (data) => {
/******/ 		var {ids, modules, runtime} = data;
/******/ 		// add "modules" to the modules object,
/******/ 		// then flag all "ids" as loaded and fire callback
/******/ 		var moduleId, chunkId, i = 0;
/******/ 		for(moduleId in modules) {
/******/ 			if(__nccwpck_require__.o(modules, moduleId)) {
/******/ 				__nccwpck_require__.m[moduleId] = modules[moduleId];
/******/ 			}
/******/ 		}
/******/ 		if(runtime) runtime(__nccwpck_require__);
/******/ 		for(;i < ids.length; i++) {
/******/ 			chunkId = ids[i];
/******/ 			if(__nccwpck_require__.o(installedChunks, chunkId) && installedChunks[chunkId]) {
/******/ 				installedChunks[chunkId][0]();
/******/ 			}
/******/ 			installedChunks[ids[i]] = 0;
/******/ 		}
/******/ 	
/******/ 	}
/******/ 	
/******/ 	__nccwpck_require__.f.j = (chunkId, promises) => {
/******/ 			// import() chunk loading for javascript
/******/ 			var installedChunkData = __nccwpck_require__.o(installedChunks, chunkId) ? installedChunks[chunkId] : undefined;
/******/ 			if(installedChunkData !== 0) { // 0 means "already installed".
/******/ 	
/******/ 				// a Promise means "currently loading".
/******/ 				if(installedChunkData) {
/******/ 					promises.push(installedChunkData[1]);
/******/ 				} else {
/******/ 					if(true) { // all chunks have JS
/******/ 						// setup Promise in chunk cache
/******/ 						var promise = import("./" + __nccwpck_require__.u(chunkId)).then(installChunk, (e) => {
/******/ 							if(installedChunks[chunkId] !== 0) installedChunks[chunkId] = undefined;
/******/ 							throw e;
/******/ 						});
/******/ 						var promise = Promise.race([promise, new Promise((resolve) => (installedChunkData = installedChunks[chunkId] = [resolve]))])
/******/ 						promises.push(installedChunkData[1] = promise);
/******/ 					}
/******/ 				}
/******/ 			}
/******/ 	};
/******/ 	
/******/ 	// no prefetching
/******/ 	
/******/ 	// no preloaded
/******/ 	
/******/ 	// no external install chunk
/******/ 	
/******/ 	// no on chunks loaded
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(629);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
