import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 7654:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  iW: () => (/* binding */ main)
});

// UNUSED EXPORTS: commands, createContext, run, runSecrets

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __nccwpck_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(6760);
// EXTERNAL MODULE: ./src/model/stages.ts
var model_stages = __nccwpck_require__(2558);
// EXTERNAL MODULE: ./src/ecs/errors.ts
var errors = __nccwpck_require__(42);
// EXTERNAL MODULE: ./src/ecs/service.ts
var ecs_service = __nccwpck_require__(5102);
;// CONCATENATED MODULE: ./src/ecs/deployments.ts



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
    const revisionId = (0,ecs_service/* primaryDeployment */.sg)(request.updated ?? {})
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
            if (!(0,errors/* isTransientError */.bV)(error))
                throw error;
            lastError = error;
            request.onRetry?.(`Looking for the new deployment: ${(0,errors/* describeAwsError */.Pp)(error)}; retrying.`);
        }
        if (clock.now().getTime() + delay > deadline)
            break;
        await clock.sleep(delay);
    }
    const why = lastError
        ? `ECS did not answer (${(0,errors/* describeAwsError */.Pp)(lastError)})`
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
    const current = (await (0,ecs_service/* describeService */.Jv)(ecs, cluster, service)).currentServiceDeployment;
    if (current)
        return current;
    const { serviceDeployments = [] } = await ecs.listServiceDeployments({
        cluster,
        service,
        status: [...model_stages/* ONGOING_STATUSES */.rz]
    });
    return serviceDeployments.filter(brief => (0,model_stages/* isOngoingStatus */.sR)(brief.status)).sort(newestFirst)[0]
        ?.serviceDeploymentArn;
}

;// CONCATENATED MODULE: ./src/ecs/rollback.ts



/**
 * Asks ECS to roll the deployment back: a paused deployment is answered ROLLBACK at its
 * pause (ContinueServiceDeployment); anything else under way is stopped with ROLLBACK
 * (StopServiceDeployment). If the pause was answered meanwhile, the stop still applies.
 * A deployment ECS is already rolling back is left to it, also when the stop is refused
 * because of that (ConflictException). Other errors say what went wrong.
 */
async function requestRollback(ecs, target) {
    const { serviceDeploymentArn, pausedHookId } = target;
    if ((0,model_stages/* isRollingBack */.Fw)(target.status))
        return 'under-way';
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
            if (!(0,errors/* isStaleDeploymentAction */.FT)(error))
                throw (0,errors/* deploymentActionError */.eR)(error, 'ContinueServiceDeployment', serviceDeploymentArn, pausedHookId);
        }
    }
    try {
        await ecs.stopServiceDeployment({ serviceDeploymentArn, stopType: 'ROLLBACK' });
        return 'stop-rollback';
    }
    catch (error) {
        if ((0,errors/* errorName */.Is)(error) === 'ConflictException') {
            const now = await describeDeployment(ecs, serviceDeploymentArn).catch(() => undefined);
            if ((0,model_stages/* isRollingBack */.Fw)(now?.status))
                return 'under-way';
            if ((0,model_stages/* isTerminalStatus */.TQ)(now?.status))
                return 'ended';
        }
        throw (0,errors/* deploymentActionError */.eR)(error, 'StopServiceDeployment', serviceDeploymentArn);
    }
}
/** Whether the request sent anything that changed the deployment. */
function sentRollback(request) {
    return request === 'continue-rollback' || request === 'stop-rollback';
}
/** One log line saying what the rollback request did. */
function describeRollbackRequest(how, stage) {
    switch (how) {
        case 'continue-rollback':
            return `Rollback requested: answered ROLLBACK at the pause (${stage ?? 'an unknown stage'}).`;
        case 'stop-rollback':
            return `Rollback requested: stopped the deployment with ROLLBACK at stage ${stage ?? 'none'}.`;
        case 'under-way':
            return 'ECS is rolling the deployment back already: following it.';
        case 'ended':
            return 'The deployment ended before the rollback request reached it.';
    }
}

// EXTERNAL MODULE: ./src/model/console-links.ts
var console_links = __nccwpck_require__(3876);
;// CONCATENATED MODULE: ./src/model/release.ts

function runUrl(run) {
    const attempt = run.runAttempt && run.runAttempt !== '1' ? `/attempts/${run.runAttempt}` : '';
    return `${run.serverUrl}/${run.repository}/actions/runs/${run.runId}${attempt}`;
}
function newRelease(fields, now) {
    return {
        stages: [],
        hooks: [],
        changedService: false,
        startedAt: now,
        updatedAt: now,
        ...fields
    };
}
/** The pause hook a person must act on, if the deployment is waiting for one. */
function awaitingHook(release) {
    return release.hooks.find(hook => hook.status === 'AWAITING_ACTION');
}
/** The verdict's outcome once the step has ended; `running` until then. */
function outcomeOf(release) {
    return release.verdict?.outcome ?? 'running';
}
/**
 * The name inside an ECS ARN (`\u2026:cluster/prod` \u2192 `prod`, `\u2026:service/prod/web` \u2192 `web`):
 * the cluster and service inputs take either.
 */
function shortName(nameOrArn) {
    if (!nameOrArn.startsWith('arn:'))
        return nameOrArn;
    return nameOrArn.split('/').pop() || nameOrArn;
}
/** `stage BAKE_TIME, status IN_PROGRESS`: where the release's deployment was last seen. */
function whereItStands(release) {
    return `stage ${release.stage ?? 'none'}, status ${release.status ?? 'unknown'}`;
}
/** How logs and headlines name the release: `web (prod)`, short names even when ARNs were given. */
function releaseSubject(release) {
    return `${shortName(release.service)} (${shortName(release.cluster)})`;
}
/** Link to the service deployment in the ECS console of the release's region. */
function consoleUrl(release) {
    if (!release.region || !release.deploymentArn)
        return undefined;
    return (0,console_links/* deploymentConsoleUrl */.Yn)(release.region, shortName(release.cluster), shortName(release.service), release.deploymentArn);
}

;// CONCATENATED MODULE: ./src/commands/cancel.ts


/** Names of the values main leaves for the post step. */
const STATE = {
    deploymentArn: 'deployment-arn',
    cancelled: 'cancelled',
    cancelRollback: 'cancel-rollback',
    /** A release of several services: each service's own values, by `cluster/service`, as JSON. */
    members: 'members'
};
/**
 * What the main step does when the runner cancels the job (SIGINT, then SIGTERM 7.5 s
 * later): stop following the deployment, send nothing more to ECS, and with
 * rollback-on-cancel ask ECS at once to roll back what this run started, so the request
 * is out well inside the grace period.
 */
async function cancelRelease(ctx, releases, abort, signal) {
    if (abort.signal.aborted)
        return;
    abort.abort();
    ctx.saveState(STATE.cancelled, 'true');
    // In call order: a release of several services rolls back its entry service first.
    for (const one of releases)
        await rollBackOnCancel(one.ctx, one.release, `Received ${signal}`);
}
/**
 * Rolls back, with rollback-on-cancel, the deployment this deploy or promote run changed,
 * and leaves the post step what it needs to follow it; without it, says how to undo it.
 * Runs at the signal, and again from deploy when the signal came while UpdateService was
 * in flight and the deployment it started has just been found. `when` opens each log line.
 */
async function rollBackOnCancel(ctx, release, when) {
    const arn = release.deploymentArn;
    if (!release.changedService) {
        ctx.log.warning(`${when}: the job is being cancelled before it changed the service.`);
        return;
    }
    if (release.command === 'rollback') {
        ctx.log.warning(`${when}: the job is being cancelled; ECS carries on with the rollback it asked for.`);
        return;
    }
    if (!arn) {
        ctx.log.warning(`${when} while the deployment was being started: ` +
            (ctx.inputs.rollbackOnCancel
                ? 'it is rolled back as soon as it is found (rollback-on-cancel).'
                : 'it will carry on in ECS (rollback-on-cancel is off).'));
        return;
    }
    ctx.saveState(STATE.deploymentArn, arn);
    if (!ctx.inputs.rollbackOnCancel) {
        ctx.log.warning(`${when}: rollback-on-cancel is off, so deployment ${arn} carries on in ECS; ` +
            'run this action with command: rollback to undo it.');
        return;
    }
    const how = await requestRollback(await ctx.connectEcs(), {
        serviceDeploymentArn: arn,
        status: release.status,
        pausedHookId: awaitingHook(release)?.hookId
    });
    ctx.saveState(STATE.cancelRollback, how);
    ctx.log.warning(sentRollback(how)
        ? `${when}: asked ECS to roll back deployment ${arn} (rollback-on-cancel).`
        : `${when}: ${describeRollbackRequest(how, release.stage)} (deployment ${arn}, rollback-on-cancel)`);
}

;// CONCATENATED MODULE: ./src/diagnose/service-events.ts

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
        const { events = [] } = await (0,ecs_service/* describeService */.Jv)(this.ecs, this.cluster, this.service);
        // Reversed before the (stable) sort: events of the same millisecond stay in ECS's order.
        const fresh = [...events]
            .reverse()
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

// EXTERNAL MODULE: ./src/model/clock.ts
var clock = __nccwpck_require__(9967);
;// CONCATENATED MODULE: ./src/model/provenance.ts

/** Tag keys that record where a revision came from; the promote run reads the commit back. */
const TAG_REPOSITORY = 'github:repository';
const TAG_COMMIT = 'github:sha';
const TAG_RUN = 'github:run-url';
/** ECS allows 256 characters per tag value. */
const MAX_TAG_VALUE = 256;
/** The tags that record on a task definition the repository, commit and run that registered it. */
function provenanceTags(run) {
    const tags = [
        { key: TAG_REPOSITORY, value: run.repository },
        { key: TAG_COMMIT, value: run.pullRequest?.headSha ?? run.sha },
        ...(run.runId ? [{ key: TAG_RUN, value: runUrl(run) }] : [])
    ];
    return tags.filter(tag => tag.value && tag.value.length <= MAX_TAG_VALUE);
}

// EXTERNAL MODULE: ./src/model/format.ts
var model_format = __nccwpck_require__(826);
;// CONCATENATED MODULE: ./src/task-definition/register.ts


/** ECS allows 50 tags per resource. */
const MAX_TAGS = 50;
/**
 * Registers the task definition with `ours` (its provenance) added to its own tags. When
 * the role may not tag (ecs:TagResource denied), nothing was registered, so registering
 * again without tags is safe; the release goes on with a warning.
 */
async function registerTaskDefinition(ecs, input, ours, log) {
    const theirs = (input.tags ?? []).filter(tag => !ours.some(own => own.key === tag.key));
    // Ours are kept: the promote run reads the commit back from them.
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
    return ((0,errors/* errorName */.Is)(error) === 'AccessDeniedException' && /\bTagResource\b/i.test((0,model_format/* errorMessage */.gJ)(error)));
}
function arnOf(output) {
    const arn = output.taskDefinition?.taskDefinitionArn;
    if (!arn)
        throw new Error('RegisterTaskDefinition returned no task definition ARN.');
    return arn;
}

;// CONCATENATED MODULE: ./src/model/outputs.ts

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
    outputs.set('hook-id', awaitingHook(release)?.hookId ?? '');
}

;// CONCATENATED MODULE: ./src/watch/hook-stages.ts

/**
 * ECS reports a running hook (`lifecycleHookDetails`) without the stage it runs at, and a
 * poll can miss a stage or, for PRE_PRODUCTION_TRAFFIC_SHIFT, see it reported as the next
 * one (sim/README.md, "Choices where ECS is uncertain"). The stage is told from the
 * deployment's configured hooks instead: a Lambda hook by its function, a pause by the
 * configured pause stages, and, for a hook that failed, the stage ECS names in its reason.
 * A hook is never placed at a stage where ECS does not run that type of hook
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-lifecycle-hooks.html).
 */
/** The configured hooks in the form the attribution uses; undefined when none were given. */
function configuredHooks(hooks) {
    return hooks?.map(hook => ({
        targetType: hook.targetType ?? 'AWS_LAMBDA',
        ...(hook.hookTargetArn !== undefined && { targetArn: hook.hookTargetArn }),
        stages: [...(hook.lifecycleStages ?? [])]
    }));
}
/** The stage `hook` runs at, as far as the evidence tells; undefined when it cannot. */
function attributeHookStage(hook, evidence) {
    const allowed = (0,model_stages/* hookStagesFor */.yK)(hook.targetType);
    const candidates = candidateStages(hook, evidence.configured, allowed);
    const seen = (0,model_stages/* stageIndex */.Jb)(evidence.seenAt);
    const notAfterSeen = (stage) => seen === undefined || ((0,model_stages/* stageIndex */.Jb)(stage) ?? 0) <= seen;
    if (candidates.length > 0) {
        const previous = (0,model_stages/* stageIndex */.Jb)(evidence.previous);
        const reachable = candidates.filter(notAfterSeen);
        // The next configured stage after the previous hook of its kind, else a stage that runs
        // again (a canary or linear step repeats PRE_PRODUCTION_TRAFFIC_SHIFT).
        const next = reachable.find(stage => previous === undefined || ((0,model_stages/* stageIndex */.Jb)(stage) ?? 0) > previous);
        return next ?? reachable.at(-1) ?? candidates[0];
    }
    if (evidence.configured !== undefined || !isRunning(hook.status) || seen === undefined) {
        return undefined;
    }
    // Nothing configured is known: a hook running now runs at the current stage, or at the
    // hook stage ECS reports under it (PRE_PRODUCTION_TRAFFIC_SHIFT under PRODUCTION_TRAFFIC_SHIFT).
    return model_stages/* LIFECYCLE_STAGES */.tJ.slice(0, seen + 1)
        .filter(stage => allowed.includes(stage))
        .at(-1);
}
/**
 * The stage and kind of hook ECS names in a rollback reason, e.g. `Service deployment
 * rolled back because PRE_PRODUCTION_TRAFFIC_SHIFT pause hook timed out.`
 */
function stageNamedInReason(reason) {
    const match = /\b([A-Z_]+) (pause hook|lifecycle hook)/.exec(reason ?? '');
    const stage = match?.[1];
    if (!stage || (0,model_stages/* stageIndex */.Jb)(stage) === undefined)
        return undefined;
    return { stage, targetType: match[2] === 'pause hook' ? 'PAUSE' : 'AWS_LAMBDA' };
}
/**
 * Places a hook that failed or timed out at the stage ECS's reason names, when that
 * agrees with what is configured for it. Returns whether the stage changed.
 */
function applyNamedStage(hook, reason, configured) {
    const named = stageNamedInReason(reason);
    if (!named || hook.stage === named.stage)
        return false;
    if (hook.status !== 'FAILED' && hook.status !== 'TIMED_OUT')
        return false;
    if ((hook.targetType ?? 'AWS_LAMBDA') !== named.targetType)
        return false;
    const allowed = (0,model_stages/* hookStagesFor */.yK)(hook.targetType);
    const candidates = candidateStages(hook, configured, allowed);
    if (!allowed.includes(named.stage))
        return false;
    if (candidates.length > 0 && !candidates.includes(named.stage))
        return false;
    hook.stage = named.stage;
    return true;
}
/** The configured stages where `hook` may run, in lifecycle order. */
function candidateStages(hook, configured, allowed) {
    const type = hook.targetType ?? 'AWS_LAMBDA';
    const stages = (configured ?? [])
        .filter(entry => entry.targetType === type && (type === 'PAUSE' || entry.targetArn === hook.targetArn))
        .flatMap(entry => entry.stages)
        .filter(stage => allowed.includes(stage));
    return [...new Set(stages)].sort((a, b) => ((0,model_stages/* stageIndex */.Jb)(a) ?? 0) - ((0,model_stages/* stageIndex */.Jb)(b) ?? 0));
}
function isRunning(status) {
    return status === 'IN_PROGRESS' || status === 'AWAITING_ACTION';
}

;// CONCATENATED MODULE: ./src/watch/timeline.ts


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
    const configuration = deployment.deploymentConfiguration;
    release.configuredHooks =
        configuredHooks(configuration?.lifecycleHooks) ?? release.configuredHooks;
    release.strategy ??= configuration?.strategy;
    release.linearStepPercent =
        configuration?.linearConfiguration?.stepPercent ?? release.linearStepPercent;
    const stage = deployment.lifecycleStage;
    const current = release.stages.at(-1);
    if (stage && stage !== release.stage) {
        if (current && !current.endedAt)
            current.endedAt = now;
        const passed = stagesPassedUnseen(current?.stage, stage);
        for (const missed of passed)
            release.stages.push({ stage: missed, startedAt: now, endedAt: now, unobserved: true });
        release.stages.push({ stage, startedAt: now, traffic });
        release.stage = stage;
        events.push({ kind: 'stage', stage, traffic, passed });
    }
    else if (stage && current) {
        const moved = weightsMoved(current.traffic, traffic);
        if (isStoppingStatus(deployment.status)) {
            // A rollback moves traffic back and scales the new revision in: the stage keeps what it
            // reached, and counts the failures.
            current.traffic = { ...current.traffic, failedTasks: traffic.failedTasks };
        }
        else if (moved === 'production') {
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
    release.rollbackStartedAt = deployment.rollback?.startedAt ?? release.rollbackStartedAt;
    for (const detail of deployment.lifecycleHookDetails ?? [])
        events.push(...recordHook(release, detail, now));
    const reason = deployment.rollback?.reason ?? deployment.statusReason;
    for (const hook of release.hooks)
        applyNamedStage(hook, reason, release.configuredHooks);
    if ((0,model_stages/* isTerminalStatus */.TQ)(deployment.status)) {
        const last = release.stages.at(-1);
        // ECS's finish time can precede the poll that first saw the stage.
        if (last && !last.endedAt)
            last.endedAt = new Date(Math.max(last.startedAt.getTime(), (deployment.finishedAt ?? now).getTime()));
    }
    return events;
}
function isStoppingStatus(status) {
    return model_stages/* STOPPING_STATUSES */.E$.includes(status ?? '');
}
/**
 * The stages between the last one seen and `next` that ECS always reports, which a poll
 * missed. RECONCILE_SERVICE runs only sometimes, and PRE_PRODUCTION_TRAFFIC_SHIFT may be
 * reported as PRODUCTION_TRAFFIC_SHIFT (sim/README.md), so neither is assumed.
 */
function stagesPassedUnseen(last, next) {
    const to = (0,model_stages/* stageIndex */.Jb)(next);
    const from = last === undefined ? (0,model_stages/* stageIndex */.Jb)('RECONCILE_SERVICE') : (0,model_stages/* stageIndex */.Jb)(last);
    if (to === undefined || from === undefined || to <= from)
        return [];
    return model_stages/* LIFECYCLE_STAGES */.tJ.slice(from + 1, to).filter(stage => stage !== 'RECONCILE_SERVICE' && stage !== 'PRE_PRODUCTION_TRAFFIC_SHIFT');
}
/** The stages a poll saw, leaving out those that passed between polls. */
function observedStages(release) {
    return release.stages.filter(record => !record.unobserved);
}
const FINISHED_HOOK_STATUSES = ['SUCCEEDED', 'FAILED', 'TIMED_OUT'];
function recordHook(release, detail, now) {
    const known = release.hooks.find(hook => sameHook(hook, detail));
    if (!known) {
        const previous = release.hooks.filter(hook => sameKind(hook, detail)).at(-1);
        const hook = {
            hookId: detail.hookId,
            targetType: detail.targetType,
            targetArn: detail.targetArn,
            stage: attributeHookStage(detail, {
                configured: release.configuredHooks,
                seenAt: release.stage,
                previous: previous?.stage
            }),
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
/** ECS gives every hook run an id; without one, the unfinished run of the same hook is it. */
function sameHook(hook, detail) {
    if (detail.hookId !== undefined)
        return hook.hookId === detail.hookId;
    return sameKind(hook, detail) && !FINISHED_HOOK_STATUSES.includes(hook.status ?? '');
}
/** Runs of the same configured hook: pauses, or one Lambda function. */
function sameKind(hook, other) {
    const type = hook.targetType ?? 'AWS_LAMBDA';
    return (type === (other.targetType ?? 'AWS_LAMBDA') &&
        (type === 'PAUSE' || hook.targetArn === other.targetArn));
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
/** Traffic weights and task counts of the new revision, and the summed ones of the old revisions. */
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
        targetRequested: target.requestedTaskCount,
        sourceRunning: sum(revision => revision.runningTaskCount),
        sourceRequested: sum(revision => revision.requestedTaskCount),
        failedTasks: deployment.deploymentCircuitBreaker?.failureCount
    };
}

;// CONCATENATED MODULE: ./src/model/production-steps.ts
/**
 * Names for the production traffic shifts of a release. CANARY and LINEAR shift production
 * traffic in steps, and ECS reports every step as PRODUCTION_TRAFFIC_SHIFT, so the timeline
 * shows that stage several times; the weight on the new revision tells the steps apart
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/canary-deployment.html,
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-type-linear.html).
 */
/**
 * `canary 10 %`, `step 3 of 10`, `\u2192 100 %`, or `starting` while the new revision has no
 * production traffic yet; undefined for other stages or an unknown weight.
 */
function productionStepLabel(stage, productionWeight, context) {
    if (stage !== 'PRODUCTION_TRAFFIC_SHIFT' || productionWeight === undefined)
        return undefined;
    if (!Number.isFinite(productionWeight))
        return undefined;
    if (productionWeight <= 0)
        return 'starting';
    if (productionWeight >= 100)
        return '\u2192 100 %';
    const weight = `${Math.round(productionWeight * 10) / 10} %`;
    if (context.strategy === 'CANARY')
        return `canary ${weight}`;
    const step = context.linearStepPercent;
    if (context.strategy === 'LINEAR' && step !== undefined && step > 0) {
        const steps = Math.ceil(100 / step);
        return `step ${Math.min(steps, Math.max(1, Math.round(productionWeight / step)))} of ${steps}`;
    }
    return `\u2192 ${weight}`;
}

;// CONCATENATED MODULE: ./src/watch/timeline-log.ts



/**
 * Writes timeline events as the job log of a release: one collapsible group per
 * lifecycle stage, titled with the time, the time since the release started and the
 * traffic split, holding that stage's hooks, traffic steps and status changes.
 */
class TimelineLog {
    log;
    release;
    groupOpen = false;
    /** `release` names the production steps (its strategy) and dates the log (its start). */
    constructor(log, release) {
        this.log = log;
        this.release = release;
    }
    get startedAt() {
        return this.release.startedAt;
    }
    write(events, now) {
        for (const event of events) {
            const stamp = `${(0,model_format/* formatTime */.fU)(now)} ${(0,model_format/* formatElapsed */.C7)(now.getTime() - this.startedAt.getTime())}`;
            switch (event.kind) {
                case 'stage':
                    this.close();
                    if (event.passed.length > 0)
                        this.log.info(`${stamp}  passed between two polls: ${event.passed.join(', ')}`);
                    this.log.startGroup(`${stamp}  ${event.stage}${this.step(event)}${suffix(formatTraffic(event.traffic))}`);
                    this.groupOpen = true;
                    break;
                case 'traffic':
                    this.log.info(`${stamp}  traffic moved${this.step(event)}: ${formatTraffic(event.traffic)}`);
                    break;
                case 'hook':
                    this.log.info(`${stamp}  ${formatHook(event.hook)}`);
                    break;
                case 'status':
                    this.log.info(`${stamp}  status ${event.from ? `${event.from} \u2192 ` : ''}${event.to}${event.reason ? `: ${event.reason}` : ''}`);
            }
        }
    }
    /** Service events (task starts, failures, steady state), at the time ECS recorded them. */
    serviceEvents(events) {
        for (const event of events) {
            const at = event.createdAt ?? this.startedAt;
            this.log.info(`${(0,model_format/* formatTime */.fU)(at)} ${(0,model_format/* formatElapsed */.C7)(at.getTime() - this.startedAt.getTime())}  event: ${event.message ?? ''}`);
        }
    }
    /** ` (canary 10 %)`: which production step a stage or traffic move is. */
    step(event) {
        const label = productionStepLabel(event.stage, event.traffic.targetProduction, this.release);
        return label ? ` (${label})` : '';
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
/** `new: test 100% \u00b7 prod 20% \u00b7 tasks 2/2 | old: test 0% \u00b7 prod 80% \u00b7 tasks 2/2`, leaving out what ECS did not report. */
function formatTraffic(traffic) {
    if (!traffic)
        return '';
    const t = traffic;
    return [
        revisionTraffic('new', t.targetTest, t.targetProduction, t.targetRunning, t.targetRequested),
        revisionTraffic('old', t.sourceTest, t.sourceProduction, t.sourceRunning, t.sourceRequested)
    ]
        .filter(Boolean)
        .join(' | ');
}
function revisionTraffic(name, test, production, running, requested) {
    const parts = [
        test !== undefined && `test ${(0,model_format/* percent */.KN)(test)}`,
        production !== undefined && `prod ${(0,model_format/* percent */.KN)(production)}`,
        requested !== undefined && `tasks ${running ?? 0}/${requested}`
    ].filter(Boolean);
    return parts.length > 0 ? `${name}: ${parts.join(' \u00b7 ')}` : '';
}
/** `hook PAUSE ecs-pause-abc at POST_TEST_TRAFFIC_SHIFT: AWAITING_ACTION (expires \u2026, then ROLLBACK)` */
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

;// CONCATENATED MODULE: ./src/watch/watch.ts


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
                if (!(0,errors/* isTransientError */.bV)(error) && !(error instanceof MissingDeploymentError))
                    throw error;
                failures += 1;
                const message = (0,errors/* describeAwsError */.Pp)(error);
                if (failures > budget)
                    return { kind: 'unreachable', deployment: latest, error: message };
                request.onPollError(`Could not read the deployment (${failures}/${budget}): ${message}`);
            }
        }
        if (next) {
            latest = next;
            next = undefined;
            await request.onSnapshot(latest);
            if ((0,model_stages/* isTerminalStatus */.TQ)(latest.status))
                return { kind: 'finished', deployment: latest };
            const ignored = request.ignoreHookIds ?? [];
            if (hasReachedTarget(latest, request.until, ignored)) {
                return {
                    kind: 'reached',
                    deployment: latest,
                    pausedHookId: awaitingPauseHook(latest, ignored)
                };
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
                (0,model_stages/* hasReachedStage */.j_)(deployment.lifecycleStage, until.stage));
    }
}

;// CONCATENATED MODULE: ./src/watch/follow.ts





/**
 * Follows the release's deployment: every poll is folded into the release, written to
 * the log as a timeline, reflected in the step outputs, and published to GitHub when a
 * stage, status or hook changed.
 */
async function followDeployment(ctx, ecs, release, request) {
    const arn = release.deploymentArn;
    if (!arn)
        throw new Error('No deployment to follow.');
    const timeline = new TimelineLog(ctx.log, release);
    try {
        return await watchDeployment({
            arn,
            describe: deploymentArn => describeDeployment(ecs, deploymentArn),
            until: request.until,
            ignoreHookIds: request.ignoreHookIds,
            timeoutMs: request.timeoutMs,
            pollIntervalMs: ctx.inputs.pollInterval * 1000,
            clock: ctx.clock,
            signal: ctx.signal,
            first: request.first,
            onSnapshot: async (deployment) => {
                const now = ctx.clock.now();
                const events = recordDeployment(release, deployment, now);
                const statusChanged = events.some(event => event.kind === 'status');
                // ECS recorded these service events before this poll: they go first, in time order.
                timeline.serviceEvents(await request.events.poll(now, statusChanged).catch(() => []));
                timeline.write(events, now);
                setDeploymentOutputs(ctx.outputs, release);
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

;// CONCATENATED MODULE: ./src/diagnose/stopped-tasks.ts

/** DescribeTasks takes at most 100 tasks, the size of a ListTasks page. */
const PAGE_SIZE = 100;
/** Stopped tasks stay listed for about an hour; 500 of a family is plenty to find the new revision's. */
const MAX_PAGES = 5;
/**
 * The stopped tasks of the new revision, grouped by why they stopped. ListTasks cannot
 * combine `startedBy` with `desiredStatus`, so this pages through the stopped tasks of
 * the revision's task definition family (or of the service when the family is unknown)
 * and keeps those started by the revision's `ecs-svc/<n>` (else of its task definition).
 */
async function stoppedTasksOfRevision(ecs, cluster, service, revision) {
    if (!revision.startedBy && !revision.taskDefinitionArn)
        return [];
    const family = revision.taskDefinitionArn &&
        (0,model_format/* taskDefinitionName */.ip)(revision.taskDefinitionArn).replace(/:\d+$/, '');
    const ours = (task) => revision.startedBy !== undefined
        ? task.startedBy === revision.startedBy
        : task.taskDefinitionArn === revision.taskDefinitionArn;
    const tasks = [];
    let nextToken;
    for (let page = 0; page < MAX_PAGES && (page === 0 || nextToken); page++) {
        const listed = await ecs.listTasks({
            cluster,
            ...(family ? { family } : { serviceName: service }),
            desiredStatus: 'STOPPED',
            maxResults: PAGE_SIZE,
            nextToken
        });
        nextToken = listed.nextToken;
        if (!listed.taskArns?.length)
            continue;
        const described = await ecs.describeTasks({ cluster, tasks: listed.taskArns });
        tasks.push(...(described.tasks ?? []).filter(ours));
    }
    return groupStoppedTasks(tasks);
}
function groupStoppedTasks(tasks) {
    const groups = new Map();
    for (const task of tasks.filter(task => !isRoutineScaleIn(task))) {
        const summary = summarize(task);
        const group = groups.get(summary) ?? {
            count: 0,
            summary,
            reasons: [],
            exitCodes: [],
            unhealthy: false,
            tasks: []
        };
        group.count += 1;
        group.tasks.push(task);
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
/**
 * A task the scheduler stopped because its revision was scaled in (a rollback or clean-up
 * does that), which exited cleanly: not a reason the release failed. Health check failures
 * are stopped by the scheduler too, but with another reason, or unhealthy, or killed.
 */
function isRoutineScaleIn(task) {
    return (task.stopCode === 'ServiceSchedulerInitiated' &&
        /^Scaling activity initiated by/.test(task.stoppedReason ?? '') &&
        task.healthStatus !== 'UNHEALTHY' &&
        (task.containers ?? []).every(container => (container.exitCode ?? 0) === 0 && container.healthStatus !== 'UNHEALTHY'));
}
/** `ServiceSchedulerInitiated: Task failed ELB health checks \u2026; task health check UNHEALTHY; container app: exit 137` */
function summarize(task) {
    const parts = [[task.stopCode, task.stoppedReason].filter(Boolean).join(': ')];
    if (task.healthStatus === 'UNHEALTHY')
        parts.push('task health check UNHEALTHY');
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
    return `${(0,model_format/* count */.U9)(group.count, 'task')} stopped: ${group.summary}`;
}

;// CONCATENATED MODULE: ./src/diagnose/container-logs.ts



/** The first few tasks of a group tell its story; more would repeat it. */
const TASKS_PER_GROUP = 3;
/** Longest log line kept; the reports clip further. */
const MAX_LINE = 1000;
/** Longest error text kept in a note. */
const MAX_NOTE_ERROR = 300;
/**
 * Where the failed containers of the first tasks of each group logged, and the last lines of
 * those that log to CloudWatch Logs with the awslogs driver
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using_awslogs.html). Other drivers
 * are named with where their output went. Best effort: a denied or missing log is a note on
 * its container, never an error.
 */
async function readLastWords(ecs, groups, settings) {
    const definitions = new Map();
    const definitionsOf = (arn) => {
        if (!arn)
            return Promise.resolve(undefined);
        const found = definitions.get(arn) ??
            ecs
                .describeTaskDefinition({ taskDefinition: arn })
                .then(answer => answer.taskDefinition?.containerDefinitions)
                .catch(() => undefined);
        definitions.set(arn, found);
        return found;
    };
    const reader = new LogReader(settings);
    const taskGroups = [];
    for (const group of groups) {
        const tasks = [];
        for (const task of group.tasks.slice(0, TASKS_PER_GROUP)) {
            const defined = await definitionsOf(task.taskDefinitionArn);
            const containers = [];
            for (const container of failedContainers(task, defined)) {
                const destination = destinationOf(defined, task, container, ecs.region);
                containers.push(await reader.read(container, destination, task));
            }
            tasks.push({ taskArn: task.taskArn ?? '', containers });
        }
        taskGroups.push({ summary: describeGroup(group), count: group.count, tasks });
    }
    return { taskGroups };
}
/**
 * The containers whose logs explain the stop: those that exited non-zero, have a reason or
 * failed their health check; when none did (the task as a whole failed), the essential ones.
 */
function failedContainers(task, definitions) {
    const containers = task.containers ?? [];
    const failed = containers.filter(container => (container.exitCode !== undefined && container.exitCode !== 0) ||
        !!container.reason ||
        container.healthStatus === 'UNHEALTHY');
    if (failed.length > 0)
        return failed;
    const essential = (container) => definitions?.find(definition => definition.name === container.name)?.essential !== false;
    return containers.filter(essential);
}
/** The host of a URL option, without credentials or path; the value itself when it is no URL. */
function hostOf(value) {
    try {
        return new URL(value).host || value;
    }
    catch {
        return value;
    }
}
/**
 * Where a container's output went, from the container definitions of its task's task
 * definition (undefined when ECS did not return them). Only an option that names the
 * destination is shown (a FireLens output's name and group, an address's host), never the
 * options as a whole.
 */
function destinationOf(definitions, task, container, region) {
    if (!definitions)
        return { driver: 'unknown', where: 'a task definition ECS did not return' };
    const definition = definitions.find(candidate => candidate.name === container.name);
    const configuration = definition?.logConfiguration;
    if (!configuration) {
        return {
            driver: 'none',
            where: 'no logConfiguration: Docker kept it on the container instance (Fargate discards it)'
        };
    }
    const options = configuration.options ?? {};
    // An open set: ECS may accept drivers the SDK does not list yet.
    const driver = configuration.logDriver ?? 'none';
    switch (driver) {
        case 'awslogs': {
            const group = options['awslogs-group'];
            if (!group)
                return { driver, where: 'awslogs without an awslogs-group option' };
            const prefix = options['awslogs-stream-prefix'];
            const taskId = task.taskArn?.split('/').pop();
            // Without a prefix the stream is named after the Docker container id (runtimeId).
            const stream = prefix
                ? taskId && `${prefix}/${container.name ?? ''}/${taskId}`
                : container.runtimeId;
            return {
                driver,
                region: options['awslogs-region'] ?? region,
                group,
                ...(stream && { stream })
            };
        }
        case 'awsfirelens': {
            const output = options.Name ?? 'the output its log router configures';
            const group = options.log_group_name ?? options.delivery_stream ?? options.bucket;
            return { driver, where: `FireLens output ${output}${group ? ` (${group})` : ''}` };
        }
        case 'splunk':
            return { driver, where: `Splunk at ${hostOf(options['splunk-url'] ?? '?')}` };
        case 'fluentd':
            return { driver, where: `Fluentd at ${options['fluentd-address'] ?? 'localhost:24224'}` };
        case 'gelf':
            return { driver, where: `GELF at ${hostOf(options['gelf-address'] ?? '?')}` };
        case 'syslog':
            return { driver, where: `syslog at ${hostOf(options['syslog-address'] ?? 'the instance')}` };
        case 'json-file':
            return { driver, where: "Docker's json-file files on the container instance" };
        case 'journald':
            return { driver, where: "the container instance's journal" };
        case 'none':
            return { driver, where: 'nowhere: the log driver none discards it' };
        default:
            return { driver, where: `the ${driver} log driver's destination` };
    }
}
/** Reads awslogs streams one after the other; after one denial, a region is not asked again. */
class LogReader {
    settings;
    denied = new Map();
    constructor(settings) {
        this.settings = settings;
    }
    async read(container, destination, task) {
        const words = (note, lines) => ({
            container: container.name ?? '?',
            destination,
            ...(lines && { lines }),
            ...(note && { note })
        });
        if (!('group' in destination)) {
            return words(`Not read: its ${destination.driver} logs go to ${destination.where}.`);
        }
        // A container that ran has an exit code, even when its task never reached RUNNING.
        if (container.exitCode === undefined && task.startedAt === undefined) {
            // Its stream was never created: the group is where to look.
            return {
                container: container.name ?? '?',
                destination: { driver: 'awslogs', region: destination.region, group: destination.group },
                note: 'Not read: the task stopped before the container started, so it wrote no log.'
            };
        }
        if (destination.stream === undefined) {
            return words('Not read: without awslogs-stream-prefix the stream is named after the Docker container id, which ECS did not report.');
        }
        if (this.settings.lines === 0)
            return words('Not read: log-lines is 0.');
        const denial = this.denied.get(destination.region);
        if (denial)
            return words(denial);
        try {
            const logs = await this.settings.connectLogs(destination.region);
            const { events = [] } = await logs.getLogEvents({
                logGroupName: destination.group,
                logStreamName: destination.stream,
                limit: this.settings.lines,
                startFromHead: false
            });
            const lines = lastLines(events.map(event => this.settings.redact(event.message ?? '')), this.settings.lines);
            return lines.length > 0
                ? words('', lines)
                : words("No log events: the stream is empty (the group's retention deleted them, or the container wrote nothing).");
        }
        catch (error) {
            const why = (0,model_format/* plain */.pj)(this.settings.redact((0,errors/* describeAwsError */.Pp)(error)), MAX_NOTE_ERROR);
            switch ((0,errors/* errorName */.Is)(error)) {
                case 'AccessDeniedException': {
                    const note = `Not read: logs:GetLogEvents was denied (${why}). The IAM policy in the README grants it.`;
                    this.denied.set(destination.region, note);
                    return words(note);
                }
                case 'ResourceNotFoundException':
                    return words(`No log: ${why}`);
                default:
                    return words(`Not read: ${why}`);
            }
        }
    }
}
/** The last `count` lines of the events' messages (an event may hold several lines), oldest first. */
function lastLines(messages, count) {
    const lines = messages.flatMap(message => message.split(/\r\n|\r|\n/)).map(line => line.trimEnd());
    while (lines.length > 0 && lines.at(-1) === '')
        lines.pop();
    return lines.slice(-count).map(line => (0,model_format/* clip */.$Q)(line, MAX_LINE));
}

;// CONCATENATED MODULE: ./src/diagnose/hints.ts
/**
 * ECS's infrastructure role for load balancers (advancedConfiguration.roleArn, assumed in
 * a session named ECSNetworkingWithELB) lacking a permission or the trust of
 * ecs.amazonaws.com. ECS reports a denied elasticloadbalancing:ModifyListener as
 * "<STAGE> lifecycle hook(s) failed. User: \u2026/ECSNetworkingWithELB is not authorized \u2026"
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/troubleshooting-blue-green.html),
 * though no hook failed. `action` is the denied call when ECS names it.
 */
function infrastructureRoleFailure(text) {
    const action = /not authorized to perform:? (elasticloadbalancing:\w+)/i.exec(text)?.[1];
    if (action)
        return { action };
    return /ECSNetworkingWithELB|missing permissions on ECS Infrastructure Role/i.test(text)
        ? {}
        : undefined;
}
/**
 * Most specific first: a pull error explains a circuit breaker, not the other way round,
 * failed health checks explain the exit 137 of the SIGKILL that follows them, and the
 * infrastructure role's failures come before the hook rules, as ECS words them as hook
 * failures.
 */
const RULES = [
    {
        applies: (_facts, text) => /CannotPullContainerError|pull image manifest|failed to resolve ref|image.*not found/i.test(text),
        hint: () => 'Check that the image tag exists in its registry and that the task execution role may pull it ' +
            '(ecr:BatchGetImage, ecr:GetDownloadUrlForLayer, ecr:GetAuthorizationToken) with a network route to the registry.'
    },
    {
        // Other ResourceInitializationErrors (log groups, EFS) have other causes.
        applies: (_facts, text) => /unable to pull secrets or registry auth/i.test(text),
        hint: () => 'The task could not fetch its secrets or registry credentials before starting: check that the task execution role ' +
            'may read them (secretsmanager:GetSecretValue, ssm:GetParameters, kms:Decrypt, ecr:GetAuthorizationToken) and that ' +
            "the task's subnets reach those services (NAT gateway or VPC endpoints)."
    },
    {
        applies: (_facts, text) => infrastructureRoleFailure(text) !== undefined,
        hint: facts => {
            const { action } = infrastructureRoleFailure(facts.reasons.join('\n')) ?? {};
            return (`ECS's infrastructure role for load balancers (the service's advancedConfiguration roleArn) ${action ? `may not call ${action}` : 'is missing permissions or does not trust ecs.amazonaws.com'}: ` +
                `attach the AWS managed policy AmazonECSInfrastructureRolePolicyForLoadBalancers to it${action ? ` (or allow ${action})` : ''} ` +
                'and let ecs.amazonaws.com assume it. No lifecycle hook is at fault.');
        }
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
        // Exit 137 alone is any SIGKILL, e.g. after a failed health check; ECS names an OOM kill.
        applies: (_facts, text) => /OutOfMemory/i.test(text),
        hint: () => 'A container was killed for using too much memory (OutOfMemoryError, exit 137): raise its memory limit or find what grew.'
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

;// CONCATENATED MODULE: ./src/diagnose/headline.ts



/** The runner cuts annotations at 4096 characters; a headline stays well inside, on one line. */
const MAX_HEADLINE = 1000;
/** The stopped tasks' line is cut first, so the rest of the headline always shows. */
const MAX_TASKS_TEXT = 500;
/**
 * What made ECS roll back or stop the deployment, in a few words: the circuit breaker
 * with the tasks that tripped it, the failed hook and its stage, or the alarms.
 * Undefined when ECS's own reason is all there is (a rollback someone asked for).
 */
function failureCause(release, deployment, failedHooks, groups) {
    const breaker = deployment?.deploymentCircuitBreaker;
    if (breaker?.status === 'TRIGGERED') {
        const counts = `circuit breaker tripped (${breaker.failureCount ?? '?'} of threshold ${breaker.threshold ?? '?'} tasks failed)`;
        const [top] = groups;
        return top ? `${counts} \u2014 ${(0,model_format/* clip */.$Q)(describeGroup(top), MAX_TASKS_TEXT)}` : counts;
    }
    const alarms = deployment?.alarms?.triggeredAlarmNames ?? [];
    if (alarms.length > 0) {
        const during = release.stage ? ` during ${release.stage}` : '';
        return `alarm${alarms.length === 1 ? '' : 's'} ${alarms.join(', ')} went into ALARM${during}`;
    }
    const reason = deployment?.rollback?.reason ?? deployment?.statusReason ?? '';
    const infrastructure = infrastructureRoleFailure(reason);
    if (infrastructure) {
        const stage = /(\w+) lifecycle hook\(s\) failed/.exec(reason)?.[1];
        return `ECS's infrastructure role ${infrastructure.action ? `may not call ${infrastructure.action}` : 'could not manage the load balancer'}${stage ? ` at ${stage}` : ''}`;
    }
    // After the monitors: a rollback they start also fails the hooks it leaves unfinished.
    const hook = failedHooks.find(candidate => reasonBlames(reason, candidate, deployment));
    return hook && hookCause(hook, reason);
}
/**
 * Whether ECS's reason points at this hook: a Lambda hook by its function or its role
 * (ECS names the role it could not assume), or as the hook that timed out; a pause by
 * what happened to a pause. A hook the rollback merely left unfinished is not blamed.
 */
function reasonBlames(reason, hook, deployment) {
    if (hook.targetType === 'PAUSE')
        return /pause hook/i.test(reason);
    if (hook.status === 'TIMED_OUT' && /lifecycle hook\(s\) timed out/i.test(reason))
        return true;
    const roles = (deployment?.deploymentConfiguration?.lifecycleHooks ?? [])
        .filter(configured => configured.hookTargetArn === hook.targetArn)
        .map(configured => configured.roleArn);
    return [hook.targetArn, ...roles].some(name => name !== undefined && reason.includes(name));
}
function hookCause(hook, ecsReason) {
    const stage = hook.stage ?? 'an unknown stage';
    if (hook.targetType === 'PAUSE') {
        return hook.status === 'TIMED_OUT'
            ? `the pause at ${stage} timed out before anyone promoted the release`
            : `the pause at ${stage} was answered with ROLLBACK`;
    }
    const kind = (hook.targetType ?? 'AWS_LAMBDA') === 'AWS_LAMBDA' ? 'Lambda' : hook.targetType;
    const target = hook.targetArn ?? hook.hookId ?? '';
    const outcome = hook.status === 'TIMED_OUT' ? 'timed out' : 'failed';
    // ECS's reason says how: returned FAILED, could not be invoked or assumed, threw.
    const how = /lifecycle hook\(s\) (?:failed|timed out)\.\s*(\S.*)$/s.exec(ecsReason)?.[1];
    const named = !target || how?.includes(target) ? '' : ` ${target}`;
    return `${kind} hook${named} at ${stage} ${outcome}${how ? `: ${how}` : ''}`;
}
/**
 * The headline that names `cause`, for a deployment ECS rolled back, failed to roll back
 * or stopped, e.g. `web (demo) rolled back: circuit breaker tripped (4 of threshold 3 tasks
 * failed) \u2014 4 tasks stopped: \u2026`; undefined for any other status. `subject` names the release.
 */
function causeHeadline(subject, deployment, cause) {
    switch (deployment.status) {
        case 'ROLLBACK_SUCCESSFUL':
            return `${subject} rolled back: ${cause}`;
        case 'ROLLBACK_FAILED':
            return `${subject} could not roll back: ${rollbackFailure(deployment, cause)}`;
        case 'STOPPED':
            return `${subject} was stopped: ${cause}`;
        default:
            return undefined;
    }
}
/**
 * Why a rollback failed and why it was started: ECS puts the first in statusReason
 * (always set) and keeps the real cause (circuit breaker, hook, alarm) in rollback.reason.
 */
function rollbackFailure(deployment, startedBecause) {
    const failure = deployment.statusReason ?? 'ECS gave no reason.';
    if (!startedBecause || startedBecause === failure)
        return failure;
    return `${failure.replace(/\.$/, '')}; the rollback was started because: ${startedBecause}`;
}

;// CONCATENATED MODULE: ./src/diagnose/load-balancer.ts
/** What ECS says when a failure involves the load balancer: networking, ELB calls, health checks. */
const LOAD_BALANCER_FAILURE = /invalid networking configuration|elasticloadbalancing|\bELB\b|target.group|listener/i;
/**
 * On a failure that involves the load balancer, which target group is whose: ECS swaps the
 * roles of the two target groups on every deployment, so the one a reason names may well be
 * the group that served production yesterday. One line, or undefined.
 */
function loadBalancerDetail(servedBy, reasons) {
    const said = reasons.join('\n');
    if (!servedBy || !LOAD_BALANCER_FAILURE.test(said))
        return undefined;
    const groupOf = (role) => servedBy.find(revision => revision.role === role)?.loadBalancers[0]?.targetGroupArn;
    const green = groupOf('new');
    const blue = groupOf('old');
    const named = [green, blue].find(group => group !== undefined && said.includes(group));
    if (named === green && green) {
        return `Target group involved: ${green}, where the new revision's tasks register${blue ? ` (the old revision's is ${blue})` : ''}.`;
    }
    if (named === blue && blue) {
        return `Target group involved: ${blue}, which serves the old revision${green ? ` (the new revision's tasks register in ${green})` : ''}.`;
    }
    const rule = servedBy.find(revision => revision.role === 'new')?.loadBalancers[0]
        ?.productionListenerRule;
    const parts = [
        green && `the new revision's tasks register in ${green}`,
        blue && `the old revision is served from ${blue}`,
        rule && `production listener rule ${rule}`
    ].filter(Boolean);
    return parts.length > 0 ? `Target groups: ${parts.join('; ')}.` : undefined;
}

;// CONCATENATED MODULE: ./src/diagnose/diagnose.ts





/** Enough events to show what led to the failure without repeating the whole history. */
const MAX_EVENTS = 5;
const MAX_TASK_GROUPS = 5;
const FAILURE_EVENT = /fail|unable|error|unhealthy|rolling back|roll back|timed out|stopped|exceeded|alarm/i;
/**
 * Explains a failed release: which tasks of the new revision stopped and why (grouped),
 * which hooks failed at which stage, the service events that tell the story, one line of
 * what to check first, and the cause they point to. `reason` is the failure as stated so
 * far. With `lastWords`, the failed containers' logs are read too. Reading the tasks and
 * their logs is best effort and never hides the failure itself.
 */
async function diagnoseFailure(ecs, release, deployment, events, reason = '', lastWords) {
    const groups = await stoppedTasks(ecs, release, deployment);
    const failedHooks = release.hooks.filter(hook => hook.status === 'FAILED' || hook.status === 'TIMED_OUT');
    const failureEvents = events
        .filter(event => FAILURE_EVENT.test(event.message ?? ''))
        .slice(-MAX_EVENTS);
    const reasons = [
        reason,
        deployment?.statusReason ?? '',
        deployment?.rollback?.reason ?? '',
        ...groups.flatMap(group => group.reasons),
        ...failureEvents.map(event => event.message ?? '')
    ];
    const shown = groups.slice(0, MAX_TASK_GROUPS);
    const details = [
        ...shown.map(describeGroup),
        ...[loadBalancerDetail(release.servedBy, reasons)].filter(detail => detail !== undefined),
        ...failedHooks.map(hook => `Hook ${hook.targetType ?? 'AWS_LAMBDA'} ${hook.targetArn ?? hook.hookId ?? ''} at ${hook.stage ?? 'an unknown stage'}: ${hook.status ?? 'unknown'}.`),
        ...failureEvents.map(event => `Service event ${event.createdAt?.toISOString() ?? ''}: ${event.message ?? ''}`)
    ];
    const hint = chooseHint({
        reasons,
        exitCodes: groups.flatMap(group => group.exitCodes),
        unhealthy: groups.some(group => group.unhealthy),
        triggeredAlarms: deployment?.alarms?.triggeredAlarmNames ?? [],
        failedHookTargets: failedHooks.flatMap(hook => (hook.targetArn ? [hook.targetArn] : []))
    });
    return {
        details,
        hint,
        cause: failureCause(release, deployment, failedHooks, groups),
        ...(lastWords && { evidence: await readLastWords(ecs, shown, lastWords) })
    };
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

;// CONCATENATED MODULE: ./src/ecs/revisions.ts
/** DescribeServiceRevisions takes at most 20 ARNs. */
const MAX_REVISIONS = 20;
/**
 * Which target group and production listener rule serve each revision of the deployment, the
 * new one first (ServiceRevision.resolvedConfiguration,
 * https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ResolvedConfiguration.html):
 * the two target groups of a blue/green load balancer swap roles with every deployment.
 * Undefined when no revision is behind a load balancer, or ECS did not say.
 */
async function readServedBy(ecs, deployment) {
    const target = deployment.targetServiceRevision?.arn;
    if (!target)
        return undefined;
    const sources = (deployment.sourceServiceRevisions ?? []).flatMap(source => source.arn && source.arn !== target ? [source.arn] : []);
    let serving;
    try {
        const { serviceRevisions = [] } = await ecs.describeServiceRevisions({
            serviceRevisionArns: [target, ...sources].slice(0, MAX_REVISIONS)
        });
        serving = serviceRevisions.flatMap((revision) => {
            const loadBalancers = revision.resolvedConfiguration?.loadBalancers ?? [];
            if (!revision.serviceRevisionArn || loadBalancers.length === 0)
                return [];
            return [
                {
                    role: revision.serviceRevisionArn === target ? 'new' : 'old',
                    revisionArn: revision.serviceRevisionArn,
                    taskDefinitionArn: revision.taskDefinition,
                    loadBalancers: loadBalancers.map(({ targetGroupArn, productionListenerRule }) => ({
                        targetGroupArn,
                        productionListenerRule
                    }))
                }
            ];
        });
    }
    catch {
        // Only the report needs it: a denied or failed read leaves the table out.
        return undefined;
    }
    serving.sort((a, b) => (a.role === b.role ? 0 : a.role === 'new' ? -1 : 1));
    return serving.length > 0 ? serving : undefined;
}

;// CONCATENATED MODULE: ./src/report/render/escape.ts

/**
 * Every way untrusted text (image names, ECS reasons, hook ARNs, names from users) enters
 * a report goes through this module, so there is one place to get escaping right.
 */
/**
 * What untrusted text must not do in GitHub Markdown: open code, emphasis, a link or image,
 * strikethrough, math, an HTML tag, an entity or a backslash escape. Only the characters
 * that can do that are escaped, with a backslash (`<` as `&lt;`, `&` before an entity name
 * as `&amp;`), so the raw Markdown still reads as the text it shows (e-mail notifications,
 * `gh pr view --comments`). `_` between letters or digits cannot open or close emphasis
 * (https://github.github.com/gfm/#left-flanking-delimiter-run), so `POST_TEST_TRAFFIC_SHIFT`
 * stays as it is, and so does a run of `*` with spaces on both sides (a masked `***`). A bare `https://\u2026` in untrusted text may still be autolinked by GitHub;
 * such a link shows its own target, so it is left alone.
 */
const INLINE_SPECIAL = /(?<!\S)(\*+)(?!\S)|[\\`*[\]~$]|(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu;
/**
 * What could start a block (heading, quote, list, setext underline) when the text begins a
 * line or a list item: escaped at the start only.
 */
const BLOCK_START = /^(?:>|([#*+=-])(?=\1|\s|$)|\d{1,9}(?=[.)](?:\s|$)))/;
/** `@name` at the start of a word notifies that user or team; a word joiner prevents it. */
const MENTION = /(^|[^\w@])@(?=[\w-])/g;
/** Markdown/HTML-safe inline text: one line, clipped, every Markdown meaning neutralised. */
function escape_text(value, max = model_format/* MAX_INLINE */.PM) {
    return escapeLine((0,model_format/* clip */.$Q)(value.replace(/\s+/g, ' ').trim(), max));
}
/** Like `text`, keeping line breaks as `<br>` (for reasons and details that span lines). */
function multiline(value, max) {
    return (0,model_format/* clip */.$Q)(value.trim(), max)
        .split(/\r\n|\r|\n/)
        .map(line => escapeLine(line.replace(/\s+/g, ' ')))
        .join('<br>');
}
function escapeLine(line) {
    return line
        .replace(model_format/* INVISIBLE */.kH, '')
        .replace(/&(?=#?[A-Za-z0-9]+;)/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(INLINE_SPECIAL, (char, inert) => inert ?? `\\${char}`)
        .replace(BLOCK_START, start => (/\d/.test(start) ? `${start}\\` : `\\${start}`))
        .replace(MENTION, '$1@\u2060');
}
/**
 * A value for a double-quoted HTML attribute (a `title`): one line, clipped, with the four
 * characters that could end the attribute or the tag as character references. Markdown
 * does not apply inside raw HTML, so nothing else needs escaping.
 */
function attribute(value, max = model_format/* MAX_INLINE */.PM) {
    return (0,model_format/* clip */.$Q)(value.replace(model_format/* INVISIBLE */.kH, '').replace(/\s+/g, ' ').trim(), max).replace(/[&"<>]/g, char => `&#${char.charCodeAt(0)};`);
}
/** Inline code: `<code>` rather than backticks, so backticks and pipes inside need no fences. */
function code(value, max = model_format/* MAX_INLINE */.PM) {
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
    if (MARKER_SAFE.test(value))
        return value;
    let encoded = '';
    for (const byte of utf8.encode(value))
        encoded += MARKER_BYTES[byte];
    return encoded;
}
const MARKER_SAFE = /^[A-Za-z0-9_.:/]*$/;
const utf8 = new TextEncoder();
/** Each byte as a marker writes it (markers are written for every service on every report). */
const MARKER_BYTES = Array.from({ length: 256 }, (_, byte) => {
    const char = String.fromCharCode(byte);
    return MARKER_SAFE.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
});
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

;// CONCATENATED MODULE: ./src/report/render/promotion.ts



/**
 * `gh workflow run release-control.yml --repo o/r -f command=promote -f service=\u2026 \u2026`: the
 * inputs `target` declares, filled in from the release.
 */
function dispatchCommand(release, target, decision) {
    const values = inputValues(release);
    const words = [
        'gh workflow run',
        shellWord(target.file),
        ...(release.github.repository ? ['--repo', shellWord(release.github.repository)] : []),
        ...(target.ref ? ['--ref', shellWord(target.ref)] : []),
        `-f command=${decision}`,
        ...target.inputs.flatMap(name => {
            const value = values[name];
            return value ? [`-f ${name}=${shellWord(value)}`] : [];
        })
    ];
    return words.join(' ');
}
/** The values of the release-control inputs for this release: for one of several, its services. */
function inputValues(release) {
    const services = release.promotion?.services;
    if (services)
        return { services };
    return {
        service: release.service,
        cluster: release.cluster,
        'deployment-arn': release.deploymentArn
    };
}
/** `run #42`, linked to the workflow run where the approval waits. */
function runLink(release) {
    const { runNumber, runId } = release.github;
    return escape_link(`run #${runNumber ?? runId}`, runUrl(release.github));
}
/**
 * How to promote or roll back a paused release, by the ways its workflows offer
 * (release.promotion): approving the promote job of this run, or the exact `gh`
 * commands and the way through the GitHub UI. Undefined unless the release is paused.
 */
function promotionBlock(release, level) {
    if (outcomeOf(release) !== 'paused')
        return undefined;
    const hook = awaitingHook(release);
    const where = hook?.stage ?? release.stage;
    const expiry = hook?.expiresAt
        ? ` until ${(0,model_format/* dateTime */.KQ)(hook.expiresAt)}; then ECS will ${timeoutAction(hook.timeoutAction)}`
        : '';
    return [
        `${'#'.repeat(level)} \u23f8\ufe0f Awaiting promotion`,
        `The deployment is paused${where ? ` at ${code(where, 100)}` : ''}${expiry}.` +
            (hook?.hookId ? ` Pause hook: ${code(hook.hookId)}.` : ''),
        ...promotionWays(release, expiry)
    ].join('\n\n');
}
/**
 * The ways to promote or roll back a paused release (release.promotion), as Markdown
 * paragraphs; for a release of several services they act on all by the `services` input.
 * `expiry` says when the pause ends, if known.
 */
function promotionWays(release, expiry = '') {
    const { approval, dispatch, services } = release.promotion ?? {};
    const parts = [];
    if (approval) {
        const environment = approval.environment ? ` to ${code(approval.environment)}` : '';
        parts.push(`**Promote:** approve the pending deployment${environment} in ${runLink(release)} ` +
            '(**Review deployments** \u2192 **Approve and deploy**); its next job promotes the release.');
    }
    if (dispatch) {
        parts.push(...dispatchParts(release, dispatch, Boolean(approval)));
    }
    else if (approval) {
        parts.push(`Rejecting it leaves the deployment paused${expiry || ' until the pause times out'}.`);
    }
    else {
        const target = services
            ? ` and the same ${code('services')}`
            : release.deploymentArn
                ? ` and ${code('deployment-arn')} ${code(release.deploymentArn)}`
                : '';
        parts.push(`Run this action with ${code('command: promote')} (or ${code('rollback')})${target}` +
            ` from a workflow with a ${code('workflow_dispatch')} trigger${services ? ` and a ${code('services')} input` : ''}, and name that workflow in the ` +
            `${code('control-workflow')} input to see its command here.`);
    }
    return parts;
}
/**
 * The `gh` commands for the decisions `target` offers, and the same through the GitHub
 * UI. With an approval pending, only the rollback: promoting by hand as well would leave
 * the approved job nothing to promote.
 */
function dispatchParts(release, target, approval) {
    const decisions = target.commands.filter(decision => !approval || decision === 'rollback');
    if (decisions.length === 0)
        return [];
    const parts = decisions.flatMap(decision => [
        decision === 'promote'
            ? '**Promote** (continue the deployment):'
            : `**Roll back**${approval ? ' (then reject the pending deployment)' : ''}:`,
        fencedBlock(dispatchCommand(release, target, decision), 'sh')
    ]);
    const { serverUrl, repository } = release.github;
    const workflow = escape_link(target.file, `${serverUrl}/${repository}/actions/workflows/${target.file}`);
    const values = inputValues(release);
    const inputs = [
        `command ${decisions.map(decision => code(decision)).join(' or ')}`,
        ...target.inputs.flatMap(name => {
            const value = values[name];
            return value ? [`${name} ${code(value)}`] : [];
        })
    ];
    const branch = target.ref ? ` (branch ${code(target.ref)})` : '';
    parts.push(`Or on GitHub: **Actions** \u2192 ${workflow} \u2192 **Run workflow**${branch}, with ${inputs.join(', ')}.`);
    return parts;
}
/** What the log says to do about a paused release: the same ways, as plain lines. */
function promotionLines(release) {
    const { approval, dispatch } = release.promotion ?? {};
    const { runNumber, runId } = release.github;
    const lines = [];
    if (approval) {
        const environment = approval.environment ? ` to ${approval.environment}` : '';
        lines.push(`Promote: approve the pending deployment${environment} in run #${runNumber ?? runId} (${runUrl(release.github)}).`);
    }
    if (dispatch) {
        for (const decision of dispatch.commands) {
            if (approval && decision === 'promote')
                continue;
            const label = decision === 'promote' ? 'Promote' : 'Roll back';
            lines.push(`${label}: ${dispatchCommand(release, dispatch, decision)}`);
        }
    }
    if (lines.length === 0) {
        const target = release.promotion?.services
            ? `the same services: ${release.promotion.services}`
            : `deployment-arn: ${release.deploymentArn ?? ''}`;
        lines.push(`Run this action with command: promote (or rollback) and ${target} ` +
            'from a workflow with a workflow_dispatch trigger; name it in control-workflow to see its command here.');
    }
    return lines;
}
function timeoutAction(action) {
    if (action === 'CONTINUE')
        return '**continue** the deployment';
    if (action === 'ROLLBACK' || action === undefined)
        return '**roll back**';
    return `do ${escape_text(action, 40)}`;
}

;// CONCATENATED MODULE: ./src/model/evidence.ts
/**
 * What a failed release leaves to look at beyond ECS's own words: where each failed container
 * of the stopped tasks logged and its last lines, and which target group serves each revision.
 * Values come from ECS, CloudWatch Logs and the task definition: renderers escape them.
 */
/** `/ecs/web \u203a ecs/app/1a2b\u2026` for a CloudWatch Logs stream; where the output went otherwise. */
function logLocation(destination) {
    if (!('group' in destination))
        return `${destination.where} (${destination.driver})`;
    return destination.stream ? `${destination.group} \u203a ${destination.stream}` : destination.group;
}

;// CONCATENATED MODULE: ./src/model/where-to-look.ts


/**
 * Where to look beyond the report when a release failed: the deployment in the ECS console,
 * the logs of each failed Lambda hook, and the cluster's ECS action logs, which hold ECS's
 * own account of a rollback and of the hooks it ran. The stopped tasks and their log streams
 * are linked where the report shows them.
 */
function whereToLook(release) {
    const pointers = [];
    const deployment = consoleUrl(release);
    if (release.deploymentArn) {
        pointers.push({ label: 'The deployment in the ECS console', url: deployment });
    }
    const failedHooks = release.hooks.filter(hook => hook.targetArn && (hook.status === 'FAILED' || hook.status === 'TIMED_OUT'));
    for (const hook of failedHooks) {
        // arn:aws:lambda:<region>:<account>:function:<name>[:<qualifier>]
        const [, , , region = '', , , name = ''] = (hook.targetArn ?? '').split(':');
        if (!name)
            continue;
        const group = `/aws/lambda/${name}`;
        pointers.push({
            label: `Logs of hook function ${name}`,
            url: (0,console_links/* logConsoleUrl */.xD)(region, group),
            detail: `log group ${group}, unless the function logs elsewhere`
        });
    }
    if (release.status?.startsWith('ROLLBACK') || failedHooks.length > 0) {
        pointers.push({
            label: 'ECS action logs',
            url: console_links/* ACTION_LOGS_DOCS */.nw,
            detail: `if cluster ${shortName(release.cluster)} has them turned on, the destination set on the cluster ` +
                "(CloudWatch Logs, S3 or Firehose) holds ECS's record of this deployment: its state changes, " +
                'the rollback and each lifecycle hook execution'
        });
    }
    return pointers;
}

;// CONCATENATED MODULE: ./src/verdict/failure-log.ts





/**
 * The facts behind a failed release in the job log, each stopped-task group followed by the
 * tasks read and their containers' last log lines, then where to look next. Log lines are
 * printed as untrusted text, so none of them acts as a workflow command.
 */
function logFailureDetails(log, release) {
    const verdict = release.verdict;
    if (!verdict)
        return;
    const groups = verdict.evidence?.taskGroups ?? [];
    // A group the headline names has no detail line of its own; its tasks are shown all the same.
    for (const group of groups.filter(candidate => !verdict.details.includes(candidate.summary))) {
        log.info(`  ${(0,model_format/* count */.U9)(group.count, 'task')} stopped as the error below says:`);
        logTaskGroup(log, release, group);
    }
    for (const detail of verdict.details) {
        log.info(`  ${detail}`);
        const group = groups.find(candidate => candidate.summary === detail);
        if (group)
            logTaskGroup(log, release, group);
    }
    const pointers = verdict.evidence ? whereToLook(release) : [];
    if (pointers.length === 0)
        return;
    log.info('Where to look next:');
    for (const { label, url, detail } of pointers)
        log.info(`  ${label}${url ? ` (${url})` : ''}${detail ? `: ${detail}` : ''}`);
}
function logTaskGroup(log, release, group) {
    const region = release.region ?? '';
    for (const task of group.tasks) {
        const taskUrl = (0,console_links/* taskConsoleUrl */.er)(region, shortName(release.cluster), task.taskArn);
        log.info(`    Task ${task.taskArn.split('/').pop() ?? ''}${taskUrl ? ` ${taskUrl}` : ''}`);
        for (const { container, destination, lines, note } of task.containers) {
            const where = logLocation(destination);
            const url = 'group' in destination &&
                (0,console_links/* logConsoleUrl */.xD)(destination.region, destination.group, destination.stream);
            const last = lines ? `last ${(0,model_format/* count */.U9)(lines.length, 'line')} of ` : '';
            log.info(`      Container ${container}: ${last}${where}${url ? ` ${url}` : ''}`);
            if (lines)
                log.untrusted(lines.map(line => `      | ${line}`));
            if (note)
                log.info(`      ${note}`);
        }
    }
    const more = group.count - group.tasks.length;
    if (more > 0)
        log.info(`    \u2026and ${(0,model_format/* count */.U9)(more, 'more task')} that stopped this way`);
}

;// CONCATENATED MODULE: ./src/verdict/verdict.ts




/**
 * Decides the release's verdict from how the run ended, records it on the release, and
 * returns it. The only writer of the outcome and of the words that explain it.
 */
function concludeRelease(release, ending, now) {
    release.verdict = decideVerdict(release, ending);
    const finished = ending.kind === 'observed'
        ? ending.deployment
        : ending.kind === 'watched' && ending.result.kind === 'finished'
            ? ending.result.deployment
            : undefined;
    if (finished && (0,model_stages/* isTerminalStatus */.TQ)(finished.status))
        release.finishedAt = finished.finishedAt ?? now;
    return release.verdict;
}
/** The verdict `ending` gives the release; changes nothing. */
function decideVerdict(release, ending) {
    switch (ending.kind) {
        case 'rendered':
        case 'planned':
            return { outcome: 'succeeded', details: [] };
        case 'error':
            return {
                outcome: ending.cancelled ? 'cancelled' : 'failed',
                reason: ending.message,
                details: []
            };
        case 'job-cancelled': {
            const requested = ending.rollbackRequested ? ' and a rollback requested' : '';
            return {
                outcome: 'cancelled',
                reason: ending.where && `The job was cancelled${requested} (${ending.where}).`,
                details: []
            };
        }
        case 'observed':
            return (0,model_stages/* isTerminalStatus */.TQ)(ending.deployment.status)
                ? finished(ending.deployment)
                : { outcome: awaitingHook(release) ? 'paused' : 'running', details: [] };
        case 'watched':
            return watched(release, ending);
    }
}
/** Whether a step of `command` that ended with `outcome` fails. */
function isFailure(command, outcome) {
    if (command === 'status')
        return false;
    if (command === 'rollback')
        return outcome !== 'rolled-back';
    return ['rolled-back', 'failed', 'timed-out', 'cancelled'].includes(outcome);
}
/**
 * Whether the step fails. A status step never does; a rollback step succeeds exactly
 * when ECS rolled back; any other step fails when the release did not go out.
 */
function failsStep(release) {
    return isFailure(release.command, outcomeOf(release));
}
function watched(release, ending) {
    const { result, rolledBackAfterTimeout: timedOut, diagnosis } = ending;
    if (result.kind === 'reached') {
        return { outcome: result.pausedHookId ? 'paused' : 'handed-off', details: [] };
    }
    // A rollback was asked for: by this rollback step, or on timeout.
    const rollbackAsked = timedOut !== undefined || release.command === 'rollback';
    const verdict = result.kind === 'finished'
        ? (rollbackAsked && notRolledBack(result.deployment)) || finished(result.deployment)
        : gaveUp(release, ending);
    if (timedOut) {
        verdict.reason =
            `Timed out after ${(0,model_format/* minutes */.Gx)(timedOut.timeoutMinutes)} (${timedOut.where}) and asked ECS to roll back. ${verdict.reason ?? ''}`.trim();
    }
    if (release.supersededBy) {
        verdict.reason = `Superseded: a newer deployment of service '${release.service}' started (${release.supersededBy}), so ECS stopped this one.`;
    }
    if (!diagnosis)
        return verdict;
    verdict.details.push(...diagnosis.details);
    verdict.hint = diagnosis.hint;
    if (diagnosis.evidence)
        verdict.evidence = diagnosis.evidence;
    // Only ECS's own ending has a cause to name: a rollback on timeout or a newer deployment keeps its reason.
    const headline = diagnosis.cause && result.kind === 'finished' && !timedOut && !release.supersededBy
        ? causeHeadline(releaseSubject(release), result.deployment, diagnosis.cause)
        : undefined;
    if (diagnosis.cause && headline) {
        verdict.cause = (0,model_format/* plain */.pj)(diagnosis.cause, MAX_HEADLINE);
        verdict.reason = (0,model_format/* plain */.pj)(headline, MAX_HEADLINE);
        // The stopped tasks the headline names need no line of their own.
        verdict.details = verdict.details.filter(detail => !(0,model_format/* alreadySays */.ZD)(verdict.reason, detail));
    }
    return verdict;
}
/** The wait ended before ECS did: timed out, ECS stopped answering, or the job was cancelled. */
function gaveUp(release, ending) {
    const where = `last seen at stage ${release.stage ?? 'none'} with status ${release.status ?? 'unknown'}`;
    const stillRunning = `The deployment may still be running in ECS: ${release.deploymentArn ?? 'its ARN is unknown'}.`;
    const { result } = ending;
    switch (result.kind) {
        case 'unreachable':
            return {
                outcome: 'timed-out',
                reason: `Gave up waiting: ECS did not answer (${result.error}); the deployment was ${where}.`,
                details: [stillRunning]
            };
        case 'cancelled':
            return {
                outcome: 'cancelled',
                reason: `The job was cancelled while waiting for the deployment (${where}).`,
                details: []
            };
        default:
            return {
                outcome: 'timed-out',
                reason: `Timed out after ${(0,model_format/* minutes */.Gx)(ending.timeoutMinutes)} waiting for the deployment (${where}).`,
                details: [stillRunning]
            };
    }
}
/**
 * ECS may end a deployment it was asked to roll back SUCCESSFUL or STOPPED instead
 * (ROLLBACK_REQUESTED \u2192 SUCCESSFUL | STOPPED,
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-deployment.html): the
 * verdict says so. Undefined for any other ending.
 */
function notRolledBack(deployment) {
    switch (deployment.status) {
        case 'SUCCESSFUL':
            return {
                outcome: 'succeeded',
                reason: 'ECS completed the deployment instead of rolling it back (SUCCESSFUL): the new revision serves ' +
                    'production traffic. To go back, deploy the previous task definition.',
                details: []
            };
        case 'STOPPED': {
            const reason = `ECS stopped the deployment instead of rolling it back (STOPPED): ${deployment.statusReason ?? 'ECS gave no reason.'}`;
            return { outcome: 'failed', reason, details: failureDetails(deployment, reason) };
        }
        default:
            return undefined;
    }
}
function finished(deployment) {
    const { rollback, statusReason } = deployment;
    const cause = rollback?.reason ?? statusReason ?? 'ECS gave no reason.';
    let outcome;
    let reason;
    switch (deployment.status) {
        case 'SUCCESSFUL':
            return { outcome: 'succeeded', details: [] };
        case 'ROLLBACK_SUCCESSFUL':
            outcome = 'rolled-back';
            reason = `ECS rolled the deployment back: ${cause}`;
            break;
        case 'ROLLBACK_FAILED':
            outcome = 'failed';
            reason = `ECS could not roll the deployment back: ${rollbackFailure(deployment, rollback?.reason)}`;
            break;
        default:
            outcome = 'failed';
            reason = `The deployment ended with status ${deployment.status ?? 'unknown'}: ${cause}`;
    }
    return { outcome, reason, details: failureDetails(deployment, reason) };
}
/** The facts ECS gives about a failed deployment, one line each, leaving out what `headline` already says. */
function failureDetails(deployment, headline) {
    const details = [];
    const { statusReason, deploymentCircuitBreaker: breaker, alarms, rollback } = deployment;
    if (statusReason && !(0,model_format/* alreadySays */.ZD)(headline, statusReason))
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

;// CONCATENATED MODULE: ./src/verdict/conclude.ts













/** How long a rollback that the action asked for may take before the step gives up on it. */
const ROLLBACK_WAIT_MS = 30 * 60_000;
/**
 * Ends a deploy, promote or rollback step from how its wait ended (a wait of at most
 * `timeoutMinutes`): rolls back on timeout when asked to, recognises a deployment that a
 * newer one replaced, reads which target groups serve its revisions, diagnoses a failure
 * (reading the failed containers' logs), then records the verdict, logs it and publishes
 * the final report.
 */
async function concludeWatch(ctx, ecs, release, result, events, timeoutMinutes, 
/** False for a service rolled back because another of its release failed: nothing of its own to diagnose. */
diagnose = true) {
    const { inputs, log } = ctx;
    let ending = {
        kind: 'watched',
        result,
        timeoutMinutes
    };
    if (result.kind === 'timeout' &&
        inputs.rollbackOnTimeout &&
        result.deployment &&
        (0,model_stages/* isOngoingStatus */.sR)(result.deployment.status)) {
        const where = whereItStands(release);
        log.warning(`Timed out after ${(0,model_format/* minutes */.Gx)(timeoutMinutes)} (${where}); rolling the deployment back (rollback-on-timeout).`);
        const how = await requestRollback(ecs, {
            serviceDeploymentArn: release.deploymentArn ?? '',
            status: result.deployment.status,
            pausedHookId: awaitingPauseHook(result.deployment)
        });
        log.info(describeRollbackRequest(how, result.deployment.lifecycleStage));
        const rollback = await followDeployment(ctx, ecs, release, {
            until: { kind: 'complete' },
            timeoutMs: ROLLBACK_WAIT_MS,
            events
        });
        ending = {
            kind: 'watched',
            result: rollback,
            timeoutMinutes: ROLLBACK_WAIT_MS / 60_000,
            rolledBackAfterTimeout: { timeoutMinutes, where }
        };
    }
    if (release.status === 'STOPPED')
        await findSuccessor(ecs, release);
    const { deployment } = ending.result;
    if (deployment && !ctx.signal.aborted && ending.result.kind !== 'unreachable')
        release.servedBy = (await readServedBy(ecs, deployment)) ?? release.servedBy;
    const stated = decideVerdict(release, ending);
    // A rollback step that ECS ended SUCCESSFUL fails, but nothing went wrong to diagnose.
    if (diagnose &&
        isFailure(release.command, stated.outcome) &&
        !['cancelled', 'succeeded'].includes(stated.outcome)) {
        new TimelineLog(ctx.log, release).serviceEvents(await events.poll(ctx.clock.now(), true).catch(() => []));
        ending.diagnosis = await diagnoseFailure(ecs, release, result.deployment, events.history, stated.reason, {
            lines: inputs.logLines,
            connectLogs: region => ctx.connectLogs(region),
            redact: text => ctx.secrets.redact(text)
        });
    }
    concludeRelease(release, ending, ctx.clock.now());
    if (outcomeOf(release) === 'paused')
        release.promotion = await ctx.reporter.promotionRoute();
    logOutcome(ctx, release);
    await ctx.reporter.publish(release, true);
}
/** A STOPPED deployment was usually replaced by a newer one; records which when the service shows it. */
async function findSuccessor(ecs, release) {
    const service = await (0,ecs_service/* describeService */.Jv)(ecs, release.cluster, release.service).catch(() => undefined);
    const current = service?.currentServiceDeployment;
    if (current && current !== release.deploymentArn)
        release.supersededBy = current;
}
function logOutcome(ctx, release) {
    const { log } = ctx;
    const verdict = release.verdict;
    if (!verdict)
        return;
    const elapsed = (0,model_format/* formatElapsed */.C7)(ctx.clock.now().getTime() - release.startedAt.getTime()).slice(1);
    const subject = releaseSubject(release);
    if (failsStep(release)) {
        const ended = verdict.outcome === 'timed-out' ? 'timed out' : verdict.outcome.replace('-', ' ');
        const colon = verdict.details.length > 0 ? ':' : '.';
        log.info(`Release of ${subject} ${ended} after ${elapsed}${colon}`);
        logFailureDetails(log, release);
        return;
    }
    switch (verdict.outcome) {
        case 'rolled-back':
            log.info(`Rolled back ${subject} after ${elapsed}${verdict.reason ? `: ${verdict.reason}` : '.'}`);
            return;
        case 'succeeded':
            log.info(`Released ${subject}: deployment ${release.status ?? ''} after ${elapsed}.`);
            return;
        case 'paused': {
            const hook = awaitingHook(release);
            log.info(`Paused at ${hook?.stage ?? release.stage ?? 'an unknown stage'}: hook ${hook?.hookId ?? '?'} awaits promote or rollback` +
                `${hook?.expiresAt ? ` until ${hook.expiresAt.toISOString()} (then ${hook.timeoutAction ?? 'ROLLBACK'})` : ''}.`);
            for (const line of promotionLines(release))
                log.info(line);
            return;
        }
        default:
            log.info(`Stopped waiting ${release.stage ? `at stage ${release.stage}` : 'before the first stage'} (status ${release.status ?? 'unknown'}); ECS carries the deployment on.`);
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
/** Once the job is being cancelled, nothing more goes to ECS but the rollback that undoes it. */
function stopIfCancelled(ctx, next) {
    if (ctx.signal.aborted) {
        throw new Error(`The job was cancelled before ${next}: the service was left as it was.`);
    }
}
/**
 * Sends `request` (`send`), which changes the service, and records on the release that it
 * did \u2014 unless the job is being cancelled, or ECS refused the request outright.
 */
async function changeService(ctx, release, request, send) {
    stopIfCancelled(ctx, `${request} was sent`);
    const changedBefore = release.changedService;
    // Set before the answer: a request whose answer is lost may still have been carried out.
    release.changedService = true;
    try {
        return await send();
    }
    catch (error) {
        // An explained error keeps ECS's answer as its cause.
        const answer = error instanceof Error && error.cause !== undefined ? error.cause : error;
        if ((0,errors/* isRefusal */.vu)(answer))
            release.changedService = changedBefore;
        throw error;
    }
}

;// CONCATENATED MODULE: ./src/ecs/api-schema.ts
/**
 * Shapes of the ECS API as the SDK itself knows them: the schemas `@aws-sdk/client-ecs`
 * serializes with (its `<Shape>$` exports) give member names, nesting, required members and
 * JSON types. The action reads them to send what the API declares; the simulator reads the
 * same schemas to refuse what ECS refuses (sim/README.md, "Request checks").
 */
const SIMPLE_TYPES = {
    0: 'string',
    1: 'number',
    2: 'boolean',
    4: 'timestamp',
    5: 'timestamp',
    6: 'timestamp',
    7: 'timestamp',
    15: 'document',
    17: 'number',
    19: 'number',
    21: 'blob',
    42: 'blob'
};
const LIST_BIT = 0b0100_0000;
const MAP_BIT = 0b1000_0000;
function joinPath(path, segment) {
    if (segment === '[]' || segment === '{}')
        return `${path}${segment}`;
    return path === '' ? segment : `${path}.${segment}`;
}
/**
 * Reads one of the SDK's static schemas (`RegisterTaskDefinitionRequest$`, or an operation's
 * input, `RegisterTaskDefinition$[4]`) into a Shape.
 */
function readSchema(schema, refine = shape => shape) {
    return new SchemaReader(refine).read(schema, '', []);
}
class SchemaReader {
    refine;
    constructor(refine) {
        this.refine = refine;
    }
    /**
     * @smithy/core's compact schema format: a number is a simple type (with bit 64 a list of it,
     * with bit 128 a string-keyed map of it); arrays are [kind, namespace, name, traits, \u2026] with
     * kind 0 a wrapped simple type, 1 a list, 2 a map, 3 a structure (member names, member
     * schemas, count of required members, which come first), 4 a union; a two-element array is a
     * member with its traits.
     */
    read(schema, path, ancestors) {
        const value = typeof schema === 'function' ? schema() : schema;
        if (typeof value === 'number')
            return this.simple(value, path);
        if (!Array.isArray(value))
            throw new Error(`Unknown ECS schema at ${path}: ${String(value)}`);
        if (value.length === 2)
            return this.read(value[0], path, ancestors);
        const [kind, , name] = value;
        switch (kind) {
            case 0:
                return this.read(value[4], path, ancestors);
            case 1:
                return {
                    type: 'list',
                    name,
                    member: this.read(value[4], `${path}[]`, ancestors)
                };
            case 2:
                return {
                    type: 'map',
                    name,
                    member: this.read(value[5], `${path}{}`, ancestors)
                };
            case 3:
            case 4:
                return this.structure(value, path, ancestors);
            default:
                throw new Error(`Unknown ECS schema kind ${kind} at ${path}`);
        }
    }
    simple(code, path) {
        if (code & MAP_BIT)
            return { type: 'map', member: this.simple(code & ~MAP_BIT, `${path}{}`) };
        if (code & LIST_BIT)
            return { type: 'list', member: this.simple(code & ~LIST_BIT, `${path}[]`) };
        const type = SIMPLE_TYPES[code];
        if (!type)
            throw new Error(`Unknown ECS simple schema ${code} at ${path}`);
        return this.refine({ type }, path);
    }
    structure(value, path, ancestors) {
        const [kind, , name, , names, schemas, requiredCount] = value;
        // No ECS input is recursive; a future one is accepted as any JSON rather than looping.
        if (ancestors.includes(name))
            return { type: 'document', name };
        const members = {};
        names.forEach((member, i) => {
            members[member] = this.read(schemas[i], joinPath(path, member), [
                ...ancestors,
                name
            ]);
        });
        return {
            type: kind === 4 ? 'union' : 'structure',
            name,
            members,
            required: names.slice(0, requiredCount ?? 0)
        };
    }
}
let taskDefinitionShape;
/**
 * The shape of RegisterTaskDefinition's input, read once: a release of 20 services would
 * otherwise read it 20 times as it starts, about 200 KB each (`npm run bench`, section 4).
 */
function registerTaskDefinitionShape() {
    taskDefinitionShape ??= readTaskDefinitionShape();
    return taskDefinitionShape;
}
/**
 * The SDK is imported on first use, as connecting to ECS does, so runs that never reach
 * ECS (a validation error) never load it.
 */
async function readTaskDefinitionShape() {
    const { RegisterTaskDefinitionRequest$ } = await Promise.all(/* import() */[__nccwpck_require__.e(658), __nccwpck_require__.e(947), __nccwpck_require__.e(642)]).then(__nccwpck_require__.bind(__nccwpck_require__, 4642));
    return readSchema(RegisterTaskDefinitionRequest$);
}

;// CONCATENATED MODULE: ./src/model/secrets.ts
/**
 * Shorter values are not masked: registering `1` or `on` would turn every such
 * character run in the job log into `***`. Such values are never printed anyway; the
 * mask is the second line of defence.
 */
const MIN_SECRET_LENGTH = 4;
const MASK = '***';
/** The environment variables that hold AWS credentials (aws-actions/configure-aws-credentials sets them). */
const AWS_CREDENTIAL_VARIABLES = [
    'AWS_ACCESS_KEY_ID',
    'AWS_SECRET_ACCESS_KEY',
    'AWS_SESSION_TOKEN'
];
/**
 * The values a run must never show: the GitHub token, AWS credentials and the secret
 * references of the task definition. Each is registered once (core.setSecret in
 * production: the runner then masks it in the job log), and `redact` hides them in the
 * free text the action writes to GitHub itself (job summary, pull request comment, check
 * run), which the runner does not mask: ECS quotes secret ARNs in the reasons it gives
 * for stopped tasks. `environment-variables` values are configuration, not secrets: a
 * secret passed as `${{ secrets.NAME }}` is masked by the runner already, and secrets
 * belong in the task definition's `secrets` (README.md, "Inputs").
 */
class Secrets {
    register;
    values = new Set();
    longestFirst = [];
    constructor(register = () => undefined) {
        this.register = register;
    }
    add(value) {
        if (value === undefined || value.length < MIN_SECRET_LENGTH || this.values.has(value))
            return;
        this.values.add(value);
        this.longestFirst = [...this.values].sort((a, b) => b.length - a.length);
        this.register(value);
    }
    /** `text` with every registered value replaced by `***`. */
    redact(text) {
        let result = text;
        for (const value of this.longestFirst)
            result = result.split(value).join(MASK);
        return result;
    }
}
/**
 * The release as the reports show it: the free text ECS and the diagnosis wrote (status
 * reason, the verdict's reason, cause, details and hint) with `secrets` hidden. Everything
 * the action builds identifiers from (cluster, service, region, ARNs, the commit, stage
 * and hook names) stays as it is: the comment marker, the check run's name, console links
 * and the snapshot are made of them, and a `***` there would break them.
 */
function withSecretsHidden(release, secrets) {
    return {
        ...release,
        statusReason: release.statusReason && secrets.redact(release.statusReason),
        verdict: verdictWithSecretsHidden(release.verdict, secrets)
    };
}
/** A release of several services with `secrets` hidden in each service and in its verdict. */
function releaseSetWithSecretsHidden(set, secrets) {
    const members = set.members.map(member => withSecretsHidden(member, secrets));
    return {
        ...set,
        members,
        failedMember: set.failedMember && members[set.members.indexOf(set.failedMember)],
        verdict: verdictWithSecretsHidden(set.verdict, secrets)
    };
}
function verdictWithSecretsHidden(verdict, secrets) {
    const redact = (text) => text === undefined ? undefined : secrets.redact(text);
    return (verdict && {
        ...verdict,
        reason: redact(verdict.reason),
        cause: redact(verdict.cause),
        details: verdict.details.map(detail => secrets.redact(detail)),
        hint: redact(verdict.hint)
    });
}
/**
 * The secret references of a task definition: `secrets[].valueFrom`, the log driver's
 * `secretOptions[].valueFrom` and the registry credentials' secret, of every container.
 */
function taskDefinitionSecrets(taskDefinition) {
    const list = (value) => (Array.isArray(value) ? value : []);
    return list(taskDefinition.containerDefinitions)
        .flatMap(container => [
        ...list(container?.secrets).map(secret => secret?.valueFrom),
        ...list(container?.logConfiguration?.secretOptions).map(secret => secret?.valueFrom),
        container?.repositoryCredentials?.credentialsParameter
    ])
        .filter((value) => typeof value === 'string');
}

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __nccwpck_require__(1455);
;// CONCATENATED MODULE: ./src/inputs/values.ts

/** A bad input value: the message names the input and says what is allowed. */
class InputError extends Error {
    input;
    detail;
    constructor(input, 
    /** What is wrong with it, without the input's name. */
    detail) {
        super(`Input '${input}': ${detail}`);
        this.input = input;
        this.detail = detail;
        this.name = 'InputError';
    }
}
/** Longest single input we accept; far above any real value, far below what could hurt the runner. */
const MAX_INPUT_LENGTH = 256 * 1024;
/** ECS names clusters, services, task definition families and containers alike. */
const ECS_NAME = '[A-Za-z0-9_-]{1,255}';
const ECS_NAME_RULE = 'up to 255 letters, digits, - and _';
/** The start of every ECS ARN: partition, region, account. */
const ECS_ARN = 'arn:aws[a-z-]*:ecs:[a-z0-9-]+:\\d{12}';
/** The whole of `text` is an ECS name. */
const ECS_NAME_PATTERN = new RegExp(`^${ECS_NAME}$`);
function checkLength(name, raw) {
    if (raw.length > MAX_INPUT_LENGTH) {
        throw new InputError(name, `is ${raw.length} characters long; at most ${MAX_INPUT_LENGTH} are accepted.`);
    }
    return raw;
}
function parseEnum(name, raw, allowed) {
    if (allowed.includes(raw))
        return raw;
    const hint = allowed.find(value => value.toLowerCase() === raw.toLowerCase());
    throw new InputError(name, `${quote(raw)} is not allowed${hint ? ` (did you mean '${hint}'?)` : ''}; use one of ${allowed.join(', ')}.`);
}
function parseBoolean(name, raw) {
    if (['true', 'True', 'TRUE'].includes(raw))
        return true;
    if (['false', 'False', 'FALSE'].includes(raw))
        return false;
    throw new InputError(name, `${quote(raw)} is not a boolean; use true or false.`);
}
function parseNumber(name, raw, rule) {
    const value = /^[+]?(\d+(\.\d*)?|\.\d+)$/.test(raw) ? Number(raw) : Number.NaN;
    const range = `a number of ${rule.unit} from ${rule.min} to ${rule.max}`;
    if (!Number.isFinite(value) || value < rule.min || value > rule.max) {
        throw new InputError(name, `${quote(raw)} is not ${range}.`);
    }
    if (rule.step !== undefined && !isMultiple(value, rule.step)) {
        throw new InputError(name, `${quote(raw)} must be ${rule.step === 1 ? 'a whole number' : `a multiple of ${rule.step}`} (${range}).`);
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
            throw new InputError(name, `line ${index + 1} is not ${shape}.`);
        checkKey(key, index + 1);
        const value = line.slice(at + 1).trim();
        if (seen.has(key))
            throw new InputError(name, `${quote(key)} is given twice.`);
        seen.add(key);
        return { key, value };
    });
}
/** Longest part of a bad value quoted in an error message, so a huge input does not flood the log. */
const MAX_QUOTED = 80;
/** A value quoted in an error message: `'value'`, clipped. */
function quote(value) {
    return `'${(0,model_format/* clip */.$Q)(value, MAX_QUOTED)}'`;
}

;// CONCATENATED MODULE: ./src/inputs/structured-text.ts

/** Deeper than any task definition or hook needs; deep enough to refuse nesting bombs early. */
const MAX_DEPTH = 32;
let yaml;
/**
 * Loads the YAML parser that parseStructuredText needs. It is imported on first use, not
 * at start-up: the bundled parser is more than half of the entry chunk's code, and most
 * runs (no lifecycle-hooks input, a JSON task definition file or none, a validation
 * error) never parse YAML.
 */
async function loadStructuredTextParser() {
    yaml ??= await __nccwpck_require__.e(/* import() */ 815).then(__nccwpck_require__.t.bind(__nccwpck_require__, 8815, 19));
}
/**
 * Parses JSON or YAML text (YAML is a superset of JSON) into plain data; call
 * loadStructuredTextParser() first. Aliases are capped so a "billion laughs" document
 * cannot expand, and nesting beyond MAX_DEPTH is refused so nothing downstream recurses
 * without bound. What yaml only warns about (an unknown tag such as `!!js/function`, an
 * ambiguous alias) is refused too: the tag would be dropped silently and the value read
 * as something else.
 */
function parseStructuredText(text) {
    if (!yaml)
        throw new Error('parseStructuredText: the YAML parser is not loaded yet.');
    let value;
    try {
        const document = yaml.parseDocument(text, { uniqueKeys: true });
        const problem = document.errors[0] ?? document.warnings[0];
        if (problem)
            throw problem;
        value = document.toJS({ maxAliasCount: 50 });
    }
    catch (error) {
        // yaml reports its own stack overflow as a YAMLParseError with code RESOURCE_EXHAUSTION.
        if (error instanceof RangeError || error.code === 'RESOURCE_EXHAUSTION')
            throw new Error('it is nested too deeply.', { cause: error });
        throw new Error(`it is neither valid JSON nor valid YAML: ${((0,model_format/* errorMessage */.gJ)(error).split('\n')[0] ?? '').replace(/:\s*$/, '.')}`, {
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

;// CONCATENATED MODULE: ./src/inputs/lifecycle-hooks.ts




const HOOK_FIELDS = [
    'targetType',
    'hookTargetArn',
    'roleArn',
    'lifecycleStages',
    'hookDetails',
    'timeoutConfiguration'
];
const TIMEOUT_FIELDS = ['timeoutInMinutes', 'action'];
const LAMBDA_ARN = /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]{1,64}(:[A-Za-z0-9_$-]+)?$/;
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;
const INPUT = 'lifecycle-hooks';
/** Parses the `lifecycle-hooks` input: a YAML or JSON list of DeploymentLifecycleHook objects. */
function parseLifecycleHooks(raw) {
    let value;
    try {
        value = parseStructuredText(raw);
    }
    catch (error) {
        throw new InputError(INPUT, (0,model_format/* errorMessage */.gJ)(error));
    }
    if (!Array.isArray(value)) {
        throw new InputError(INPUT, 'must be a list of lifecycle hooks (a YAML or JSON list of objects).');
    }
    const hooks = value.map((item, index) => parseHook(item, `hook ${index + 1}`));
    checkHookCounts(INPUT, hooks);
    return hooks;
}
function parseHook(item, where) {
    if (!isPlainObject(item))
        throw new InputError(INPUT, `${where} is not an object.`);
    rejectUnknownFields(item, HOOK_FIELDS, where);
    const targetType = item.targetType ?? 'AWS_LAMBDA';
    if (targetType !== 'AWS_LAMBDA' && targetType !== 'PAUSE') {
        throw new InputError(INPUT, `${where}: targetType must be AWS_LAMBDA or PAUSE.`);
    }
    const isPause = targetType === 'PAUSE';
    const hook = {
        targetType,
        lifecycleStages: parseStages(item.lifecycleStages, isPause, where)
    };
    if (isPause) {
        if (item.hookTargetArn !== undefined || item.roleArn !== undefined) {
            throw new InputError(INPUT, `${where}: a PAUSE hook takes no hookTargetArn or roleArn.`);
        }
    }
    else {
        hook.hookTargetArn = matchString(item.hookTargetArn, LAMBDA_ARN, `${where}: hookTargetArn`, 'a Lambda function ARN');
        hook.roleArn = matchString(item.roleArn, ROLE_ARN, `${where}: roleArn`, 'an IAM role ARN that ECS can assume to invoke the function');
    }
    if (item.hookDetails !== undefined)
        hook.hookDetails = item.hookDetails;
    if (item.timeoutConfiguration !== undefined) {
        hook.timeoutConfiguration = parseTimeout(item.timeoutConfiguration, isPause ? model_stages/* MAX_PAUSE_TIMEOUT */.AN : model_stages/* MAX_LAMBDA_TIMEOUT */.dc, where);
    }
    return hook;
}
function parseStages(value, isPause, where) {
    const allowed = isPause ? model_stages/* PAUSE_STAGES */.x_ : model_stages/* HOOK_STAGES */.uw;
    if (!Array.isArray(value) || value.length === 0) {
        throw new InputError(INPUT, `${where}: lifecycleStages must be a non-empty list of stages (${allowed.join(', ')}).`);
    }
    for (const stage of value) {
        if (typeof stage !== 'string' || !allowed.includes(stage)) {
            const why = isPause && model_stages/* HOOK_STAGES */.uw.includes(String(stage))
                ? 'ECS runs only Lambda hooks while traffic shifts'
                : 'it is not a lifecycle hook stage';
            throw new InputError(INPUT, `${where}: ${quote(String(stage))} is not allowed (${why}); use ${allowed.join(', ')}.`);
        }
    }
    if (new Set(value).size !== value.length)
        throw new InputError(INPUT, `${where}: lifecycleStages lists a stage twice.`);
    return value;
}
function parseTimeout(value, maxMinutes, where) {
    if (!isPlainObject(value))
        throw new InputError(INPUT, `${where}: timeoutConfiguration must be an object.`);
    rejectUnknownFields(value, TIMEOUT_FIELDS, `${where}: timeoutConfiguration`);
    const timeout = {};
    if (value.timeoutInMinutes !== undefined) {
        const minutes = value.timeoutInMinutes;
        if (typeof minutes !== 'number' ||
            !Number.isInteger(minutes) ||
            minutes < 1 ||
            minutes > maxMinutes) {
            throw new InputError(INPUT, `${where}: timeoutInMinutes must be a whole number from 1 to ${maxMinutes}.`);
        }
        timeout.timeoutInMinutes = minutes;
    }
    if (value.action !== undefined) {
        if (!model_stages/* TIMEOUT_ACTIONS */.mG.includes(value.action)) {
            throw new InputError(INPUT, `${where}: timeoutConfiguration.action must be ROLLBACK or CONTINUE.`);
        }
        timeout.action = value.action;
    }
    return timeout;
}
function matchString(value, pattern, what, expected) {
    if (typeof value !== 'string' || !pattern.test(value)) {
        throw new InputError(INPUT, `${what} must be ${expected}${value === undefined ? '' : `, got ${quote(typeof value === 'string' ? value : JSON.stringify(value))}`}.`);
    }
    return value;
}
function rejectUnknownFields(object, known, where) {
    const unknown = Object.keys(object).filter(key => !known.includes(key));
    if (unknown.length > 0) {
        throw new InputError(INPUT, `${where} has unknown field ${unknown.map(quote).join(', ')}; known fields are ${known.join(', ')}.`);
    }
}
/** ECS allows at most ten Lambda hooks and ten pause hooks on a service. */
function checkHookCounts(input, hooks) {
    for (const type of ['AWS_LAMBDA', 'PAUSE']) {
        const count = hooks.filter(hook => (hook.targetType ?? 'AWS_LAMBDA') === type).length;
        if (count > model_stages/* MAX_HOOKS_PER_TYPE */.FR) {
            throw new InputError(input, `gives ${count} ${type} hooks; ECS allows at most ${model_stages/* MAX_HOOKS_PER_TYPE */.FR}.`);
        }
    }
}

;// CONCATENATED MODULE: ./src/inputs/services.ts



/**
 * One DescribeServiceDeployments call reads at most 20 deployments
 * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DescribeServiceDeployments.html):
 * a release of up to 20 services is followed with one call per poll.
 */
const MAX_SERVICES = 20;
/** The item keys, as the single-service inputs are named; deploy takes all, the other commands the first two. */
const DEPLOY_KEYS = [
    'service',
    'cluster',
    'task-definition',
    'container-name',
    'image',
    'images',
    'environment-variables'
];
const CONTROL_KEYS = ['service', 'cluster'];
/** The single-service inputs that `services` replaces: each item carries its own. */
const PER_SERVICE_INPUTS = [
    'service',
    'task-definition',
    'container-name',
    'image',
    'images',
    'environment-variables',
    'deployment-arn'
];
/**
 * The `services` input: a YAML list of the release's services in call order, the entry
 * service first. Each item is a mapping of the single-service inputs' names
 * (`service` required; `cluster` defaults to the `cluster` input). Needs
 * loadStructuredTextParser() first. Errors name the item and the key.
 */
function parseServices(raw, command, cluster) {
    if (command === 'render') {
        throw new InputError('services', "is not used by command 'render'; render one service at a time.");
    }
    let list;
    try {
        list = parseStructuredText(raw);
    }
    catch (error) {
        throw new InputError('services', error instanceof Error ? error.message : String(error));
    }
    if (!Array.isArray(list) || list.length === 0) {
        throw new InputError('services', 'must be a YAML list of services, one item per service (- service: web), entry service first.');
    }
    if (list.length > MAX_SERVICES) {
        throw new InputError('services', `lists ${list.length} services; one release takes at most ${MAX_SERVICES} (release more in waves, see README).`);
    }
    const keys = command === 'deploy' || command === 'plan' ? DEPLOY_KEYS : CONTROL_KEYS;
    const targets = list.map((item, index) => parseItem(item, index + 1, keys, cluster));
    const seen = new Set();
    for (const [index, target] of targets.entries()) {
        const key = `${target.cluster}/${target.service}`;
        if (seen.has(key)) {
            throw new InputError('services', `item ${index + 1} (${target.service}) lists service '${target.service}' of cluster '${target.cluster}' a second time.`);
        }
        seen.add(key);
    }
    return targets;
}
function parseItem(item, number, keys, defaultCluster) {
    if (!isPlainObject(item)) {
        throw new InputError('services', `item ${number} is not a mapping; write each item as '- service: <name>' with its keys below.`);
    }
    const label = typeof item.service === 'string' ? `item ${number} (${item.service})` : `item ${number}`;
    const fail = (detail) => {
        throw new InputError('services', `${label}: ${detail}`);
    };
    for (const key of Object.keys(item)) {
        if (!keys.includes(key)) {
            fail(DEPLOY_KEYS.includes(key)
                ? `key '${key}' is only used by commands 'deploy' and 'plan'; this command needs service and cluster.`
                : `${quote(key)} is not a key of an item; use ${keys.join(', ')}.`);
        }
    }
    const text = (key) => {
        const value = item[key];
        if (value === undefined || value === null)
            return '';
        if (typeof value === 'string')
            return value.trim();
        if (typeof value === 'number')
            return String(value);
        // `images` and `environment-variables` may be written as mappings as well as lines.
        if ((key === 'images' || key === 'environment-variables') && isPlainObject(value)) {
            return Object.entries(value)
                .map(([name, entry]) => `${name}=${String(entry)}`)
                .join('\n');
        }
        return fail(`key '${key}' must be text.`);
    };
    // Each key is checked as the single-service input of its name; the error names the item and key.
    try {
        const service = text('service');
        if (service === '')
            fail("needs 'service': the ECS service to release.");
        const cluster = text('cluster') || defaultCluster;
        checkResourceName('service', service);
        checkResourceName('cluster', cluster);
        const containerName = checkContainerName(text('container-name') || undefined);
        const { file, revision } = parseTaskDefinitionInput(text('task-definition') || undefined);
        const images = parseImages(containerName, text('image') || undefined, text('images'));
        const environmentVariables = parseEnvironment(containerName, text('environment-variables'));
        checkRevisionUnchanged(revision, images, environmentVariables);
        return {
            service,
            cluster,
            taskDefinition: file,
            taskDefinitionRevision: revision,
            containerName,
            images,
            environmentVariables
        };
    }
    catch (error) {
        if (error instanceof InputError && error.input !== 'services')
            fail(`key '${error.input}' ${error.detail}`);
        throw error;
    }
}

;// CONCATENATED MODULE: ./src/inputs/inputs.ts







const COMMANDS = ['deploy', 'plan', 'promote', 'rollback', 'status', 'render'];
const STRATEGIES = ['BLUE_GREEN', 'CANARY', 'LINEAR'];
/**
 * Inputs that only some commands use; giving one to another command is a mistake worth
 * stopping for. `plan` takes every input `deploy` takes: it shows what deploy would do
 * with the same inputs.
 */
const COMMAND_INPUTS = {
    'task-definition': ['deploy', 'plan', 'render'],
    'container-name': ['deploy', 'plan', 'render'],
    image: ['deploy', 'plan', 'render'],
    images: ['deploy', 'plan', 'render'],
    'environment-variables': ['deploy', 'plan', 'render'],
    strategy: ['deploy', 'plan'],
    'bake-time': ['deploy', 'plan'],
    'canary-percent': ['deploy', 'plan'],
    'canary-bake-time': ['deploy', 'plan'],
    'linear-step-percent': ['deploy', 'plan'],
    'linear-step-bake-time': ['deploy', 'plan'],
    'test-traffic-header': ['deploy', 'plan'],
    'lifecycle-hooks': ['deploy', 'plan'],
    'pause-at': ['deploy', 'plan'],
    'deployment-arn': ['promote', 'rollback', 'status'],
    // render has no check run to name. status reports nothing either, but takes check-name
    // as it takes check-run and github-token: one release-control step runs it beside promote.
    'check-name': ['deploy', 'plan', 'promote', 'rollback', 'status'],
    // The same steps name the control workflow, whichever command they run.
    'control-workflow': ['deploy', 'plan', 'promote', 'rollback', 'status'],
    'release-name': ['deploy', 'plan', 'promote', 'rollback', 'status']
};
const MINUTES_0_TO_1440 = { min: 0, max: 1440, unit: 'minutes', step: 1 };
/** The longest `timeout`: ECS ends a deployment after 30 days. */
const MAX_TIMEOUT = 43200;
const IMAGE = /^[A-Za-z0-9._:/@#+-]{1,1024}$/;
const ENV_NAME = /^[^\s=]{1,255}$/;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,128}$/;
const RESOURCE_NAMES = {
    cluster: new RegExp(`^(${ECS_NAME}|${ECS_ARN}:cluster/${ECS_NAME})$`),
    service: new RegExp(`^(${ECS_NAME}|${ECS_ARN}:service/(${ECS_NAME}/)?${ECS_NAME})$`)
};
/** `pause-at: none`: no pause at any stage; the service's Lambda hooks are kept. */
const PAUSE_AT_NONE = 'none';
const TASK_DEFINITION_ARN = new RegExp(`^${ECS_ARN}:task-definition/${ECS_NAME}:[1-9][0-9]{0,9}$`);
const FAMILY_REVISION = new RegExp(`^${ECS_NAME}:[1-9][0-9]{0,9}$`);
const DEPLOYMENT_ARN = new RegExp(`^${ECS_ARN}:service-deployment/${ECS_NAME}/${ECS_NAME}/[A-Za-z0-9_-]+$`);
/**
 * The inputs with a default in action.yml that needs no runner expression. The runner
 * fills in a default only for an input the step leaves out; one given as an empty string
 * (`timeout: ${{ inputs.timeout }}` with no value) takes action.yml's default too.
 */
const DEFAULTED_INPUTS = [
    'command',
    'cluster',
    'pause-timeout',
    'pause-timeout-action',
    'wait-until',
    'poll-interval',
    'rollback-on-cancel',
    'rollback-on-timeout',
    'log-lines',
    'pr-comment',
    'check-run',
    'job-summary',
    'task-definition-only'
];
/**
 * Parses and validates every input, as getInputs does. An input of DEFAULTED_INPUTS given
 * empty takes its default from action.yml (`readDefaults`); `lifecycle-hooks` loads the
 * YAML parser, the one input whose parsing needs it.
 */
async function readInputs(read, readDefaults) {
    if (read('lifecycle-hooks').trim() !== '' || read('services').trim() !== '')
        await loadStructuredTextParser();
    const defaults = DEFAULTED_INPUTS.some(name => read(name).trim() === '')
        ? await readDefaults()
        : {};
    return getInputs(name => read(name).trim() || defaults[name] || '');
}
/**
 * The defaults action.yml (at `path`) gives its inputs, leaving out runner expressions such
 * as `${{ github.token }}`, which only the runner can evaluate.
 */
async function readActionDefaults(path) {
    await loadStructuredTextParser();
    const metadata = parseStructuredText(await (0,promises_.readFile)(path, 'utf8'));
    const declared = isPlainObject(metadata) && isPlainObject(metadata.inputs) ? metadata.inputs : {};
    return Object.fromEntries(Object.entries(declared).flatMap(([name, input]) => isPlainObject(input) && typeof input.default === 'string' && !input.default.includes('${{')
        ? [[name, input.default]]
        : []));
}
/**
 * Parses and validates every input as the runner passes them, action.yml's defaults
 * applied; throws an InputError naming the first bad one. A `lifecycle-hooks` value needs
 * loadStructuredTextParser() first (readInputs does both).
 */
function getInputs(read) {
    const get = (name) => checkLength(name, read(name).trim());
    const optional = (name) => get(name) || undefined;
    const number = (name, rule) => {
        const raw = get(name);
        return raw === '' ? undefined : parseNumber(name, raw, rule);
    };
    const command = parseEnum('command', get('command'), COMMANDS);
    for (const [name, commands] of Object.entries(COMMAND_INPUTS)) {
        if (get(name) !== '' && !commands.includes(command)) {
            throw new InputError(name, `is not used by command '${command}' (only by ${commands.join(', ')}); remove it from this step.`);
        }
    }
    const { file: taskDefinition, revision: taskDefinitionRevision } = parseTaskDefinitionInput(optional('task-definition'));
    const service = get('service');
    const cluster = get('cluster');
    const services = readServices(get, command, cluster);
    if (service === '' &&
        !services &&
        !(command === 'render' && (taskDefinition || taskDefinitionRevision))) {
        throw new InputError('service', `is required for command '${command}'${command === 'render' ? ' without a task-definition' : ''}.`);
    }
    checkResourceName('service', service);
    checkResourceName('cluster', cluster);
    const containerName = checkContainerName(optional('container-name'));
    const images = parseImages(containerName, optional('image'), get('images'));
    const environmentVariables = parseEnvironment(containerName, get('environment-variables'));
    checkRevisionUnchanged(taskDefinitionRevision, images, environmentVariables);
    const pauseAt = get('pause-at');
    return {
        command,
        cluster,
        service,
        taskDefinition,
        taskDefinitionRevision,
        containerName,
        images,
        environmentVariables,
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
        lifecycleHooks: get('lifecycle-hooks') === '' ? undefined : parseLifecycleHooks(get('lifecycle-hooks')),
        pauseAt: pauseAt === PAUSE_AT_NONE ? [] : parsePauseStages(pauseAt),
        removePauses: pauseAt === PAUSE_AT_NONE,
        pauseTimeout: parseNumber('pause-timeout', get('pause-timeout'), {
            min: 1,
            max: model_stages/* MAX_PAUSE_TIMEOUT */.AN,
            unit: 'minutes',
            step: 1
        }),
        pauseTimeoutAction: parseEnum('pause-timeout-action', get('pause-timeout-action'), model_stages/* TIMEOUT_ACTIONS */.mG),
        waitUntil: parseWaitUntil(get('wait-until')),
        timeout: number('timeout', { min: 1, max: MAX_TIMEOUT, unit: 'minutes' }),
        pollInterval: parseNumber('poll-interval', get('poll-interval'), {
            min: 1,
            max: 3600,
            unit: 'seconds'
        }),
        rollbackOnCancel: parseBoolean('rollback-on-cancel', get('rollback-on-cancel')),
        rollbackOnTimeout: parseBoolean('rollback-on-timeout', get('rollback-on-timeout')),
        logLines: parseNumber('log-lines', get('log-lines'), {
            min: 0,
            max: 100,
            unit: 'lines',
            step: 1
        }),
        deploymentArn: parseDeploymentArn(optional('deployment-arn')),
        githubToken: parseToken(get('github-token')),
        prComment: parseBoolean('pr-comment', get('pr-comment')),
        checkRun: parseBoolean('check-run', get('check-run')),
        checkName: optional('check-name'),
        controlWorkflow: parseWorkflowFile(optional('control-workflow')),
        jobSummary: parseBoolean('job-summary', get('job-summary')),
        taskDefinitionOnly: parseBoolean('task-definition-only', get('task-definition-only')),
        services,
        releaseName: optional('release-name')
    };
}
/**
 * The `services` input, when given; the single-service inputs it replaces must then be
 * left out, and `release-name` needs it.
 */
function readServices(get, command, cluster) {
    const raw = get('services');
    if (raw === '') {
        if (get('release-name') !== '')
            throw new InputError('release-name', 'names a release of several services; set services.');
        return undefined;
    }
    for (const name of PER_SERVICE_INPUTS) {
        if (get(name) !== '') {
            throw new InputError(name, `is given with services; give it to each item of services instead (or release one service without services).`);
        }
    }
    return parseServices(raw, command, cluster);
}
function checkContainerName(containerName) {
    if (containerName !== undefined && !ECS_NAME_PATTERN.test(containerName)) {
        throw new InputError('container-name', `${quote(containerName)} is not a container name (${ECS_NAME_RULE}).`);
    }
    return containerName;
}
/**
 * What `task-definition` names: a registered revision when it is a task definition ARN
 * or `family:revision` (a name, a colon, a number: no `.` or `/`, so no file name with
 * an extension or a folder reads as one), else a file. A file whose name looks like a
 * revision is given as `./web:42`. An ARN without a revision is refused rather than read
 * as a path.
 */
function parseTaskDefinitionInput(raw) {
    if (raw === undefined)
        return {};
    if (TASK_DEFINITION_ARN.test(raw) || FAMILY_REVISION.test(raw))
        return { revision: raw };
    if (raw.startsWith('arn:')) {
        throw new InputError('task-definition', `${quote(raw)} is not a task definition ARN with a revision (arn:aws:ecs:<region>:<account>:task-definition/<family>:<revision>).`);
    }
    return { file: raw };
}
/** An existing revision is released as it is: no image or variable may change it. */
function checkRevisionUnchanged(revision, images, environmentVariables) {
    if (!revision)
        return;
    const [first] = images;
    if (first) {
        throw new InputError(first.input === 'images' ? 'images' : 'image', `cannot change ${revision}, an existing revision that is released as it is; give task-definition a file (or leave it empty) to register a revision with this image.`);
    }
    if (environmentVariables.length > 0) {
        throw new InputError('environment-variables', `cannot change ${revision}, an existing revision that is released as it is; give task-definition a file (or leave it empty) to register a revision with these variables.`);
    }
}
function checkResourceName(name, value) {
    if (value !== '' && !RESOURCE_NAMES[name].test(value)) {
        throw new InputError(name, `${quote(value)} is not an ECS ${name} name (${ECS_NAME_RULE}) or ${name} ARN.`);
    }
}
function parseImages(containerName, image, rawImages) {
    const overrides = [];
    if (image !== undefined) {
        if (containerName === undefined) {
            throw new InputError('image', 'needs container-name: say which container runs this image (or use images: container=image).');
        }
        overrides.push({
            container: containerName,
            image: checkImage('image', image),
            input: 'container-name'
        });
    }
    const checkContainer = (key) => {
        if (!ECS_NAME_PATTERN.test(key)) {
            throw new InputError('images', `${quote(key)} is not a container name (${ECS_NAME_RULE}).`);
        }
    };
    for (const { key, value } of parseKeyValueLines('images', rawImages, 'container=image', checkContainer)) {
        const earlier = overrides.find(override => override.container === key);
        if (earlier)
            throw new InputError('images', `container '${key}' already gets an image from container-name and image.`);
        overrides.push({ container: key, image: checkImage('images', value), input: 'images' });
    }
    return overrides;
}
function checkImage(input, image) {
    if (!IMAGE.test(image)) {
        throw new InputError(input, `${quote(image)} is not an image reference (e.g. 123456789012.dkr.ecr.us-east-1.amazonaws.com/web:1.2.3).`);
    }
    return image;
}
function parseEnvironment(containerName, raw) {
    // A bad name is not quoted: in `DB_URL: postgres://user:password@host/db?sslmode=require`
    // everything before the first '=' would be taken as the name, password included.
    const checkName = (key, line) => {
        if (!ENV_NAME.test(key)) {
            throw new InputError('environment-variables', `line ${line}: the name before '=' is not a variable name (no spaces; at most 255 characters). Write one KEY=value per line.`);
        }
    };
    const pairs = parseKeyValueLines('environment-variables', raw, 'KEY=value', checkName);
    if (pairs.length > 0 && containerName === undefined) {
        throw new InputError('environment-variables', 'needs container-name: say which container gets these variables.');
    }
    return pairs.map(({ key, value }) => ({ name: key, value }));
}
function parseStrategy(raw) {
    if (raw === '')
        return undefined;
    if (raw.toUpperCase() === 'ROLLING') {
        throw new InputError('strategy', 'ROLLING is not a blue/green strategy; this action releases with BLUE_GREEN, CANARY or LINEAR.');
    }
    return parseEnum('strategy', raw, STRATEGIES);
}
function parseHeader(raw) {
    if (raw === '')
        return undefined;
    const at = raw.search(/[:=]/);
    const name = at === -1 ? '' : raw.slice(0, at).trim();
    const value = at === -1 ? '' : raw.slice(at + 1).trim();
    if (at === -1) {
        throw new InputError('test-traffic-header', `${quote(raw)} has no separator; write 'name: value' or 'name=value'.`);
    }
    if (!HEADER_NAME.test(name)) {
        throw new InputError('test-traffic-header', `${quote(name)} is not an HTTP header name (up to 128 letters, digits and !#$%&'*+.^_\`|~-).`);
    }
    // Control characters (tab aside) are never valid in an HTTP field value.
    // eslint-disable-next-line no-control-regex -- finding control characters is the point
    const control = /[\x00-\x08\x0a-\x1f\x7f]/.test(value);
    if (value === '' || control || value.length > 512) {
        throw new InputError('test-traffic-header', 'needs a value to match exactly after the separator (one line without control characters, at most 512 characters).');
    }
    return { name, value };
}
function parsePauseStages(raw) {
    const stages = parseList(raw).map(stage => {
        if (stage === PAUSE_AT_NONE) {
            throw new InputError('pause-at', `'${PAUSE_AT_NONE}' stands alone: it removes the service's pauses (its Lambda hooks are kept).`);
        }
        if (stage === 'TEST_TRAFFIC_SHIFT' || stage === 'PRODUCTION_TRAFFIC_SHIFT') {
            throw new InputError('pause-at', `cannot pause at ${stage}: ECS runs only Lambda hooks while traffic shifts; use POST_${stage} or PRE_PRODUCTION_TRAFFIC_SHIFT.`);
        }
        return parseEnum('pause-at', stage, model_stages/* PAUSE_STAGES */.x_);
    });
    if (new Set(stages).size !== stages.length)
        throw new InputError('pause-at', 'lists a stage twice.');
    return stages;
}
function parseWaitUntil(raw) {
    if (raw === 'complete' || raw === 'paused' || raw === 'none')
        return { kind: raw };
    const stage = parseEnum('wait-until', raw, ['complete', 'paused', 'none', ...model_stages/* LIFECYCLE_STAGES */.tJ]);
    return { kind: 'stage', stage };
}
/** Visible ASCII, as every GitHub token is; the value is never quoted, it is a secret. */
function parseToken(raw) {
    if (!/^[\x21-\x7e]*$/.test(raw)) {
        throw new InputError('github-token', 'has spaces, line breaks or characters no GitHub token has; pass a token such as secrets.GITHUB_TOKEN.');
    }
    return raw;
}
/**
 * A workflow file of the repository, as `gh workflow run` and the REST API take it: its
 * name (`release-control.yml`), or its path under `.github/workflows/`. Returns the name.
 */
function parseWorkflowFile(raw) {
    const file = raw?.replace(/^\.github\/workflows\//, '');
    if (raw !== undefined && !/^[\w.-]+\.ya?ml$/.test(file ?? '')) {
        throw new InputError('control-workflow', `${quote(raw)} is not a workflow file of .github/workflows/ (e.g. release-control.yml).`);
    }
    return file;
}
function parseDeploymentArn(raw) {
    if (raw !== undefined && !DEPLOYMENT_ARN.test(raw)) {
        throw new InputError('deployment-arn', `${quote(raw)} is not a service deployment ARN (arn:aws:ecs:<region>:<account>:service-deployment/<cluster>/<service>/<id>).`);
    }
    return raw;
}

;// CONCATENATED MODULE: ./src/plan/least-time.ts



/**
 * ECS's defaults when a canary or linear configuration leaves a member out
 * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CanaryConfiguration.html,
 * https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_LinearConfiguration.html).
 */
const CANARY_DEFAULTS = { percent: 5, bakeMinutes: 10 };
const LINEAR_DEFAULTS = { percent: 10, bakeMinutes: 6 };
/**
 * "When your configuration includes a Network Load Balancer, Amazon ECS adds a 10 minute
 * delay" to TEST_TRAFFIC_SHIFT and PRODUCTION_TRAFFIC_SHIFT
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/nlb-resources-for-blue-green.html;
 * one version of the page lists PRE_SCALE_UP too, left out of a least time). Whether ECS waits
 * at every canary or linear step or once is not documented: every step, as sim/README.md chooses.
 */
const NLB_DELAY_MINUTES = 10;
/**
 * The least time a deployment with `configuration` takes: the bake time, the canary bake
 * or the linear step bakes ("Last step bake time is skipped once traffic is shifted
 * 100.0%", https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-type-linear.html),
 * and the Network Load Balancer's delay at each traffic shift. Starting and draining tasks
 * and running hooks come on top; pauses wait for people.
 */
function leastDeploymentTime(configuration, behindNetworkLoadBalancer) {
    const parts = [];
    let minutes = 0;
    const add = (count, each, what) => {
        if (count * each === 0)
            return;
        minutes += count * each;
        parts.push(count === 1 ? `${what} ${each} min` : `${count} ${what}s \u00d7 ${each} min`);
    };
    let productionShifts = 1;
    switch (configuration?.strategy) {
        case 'CANARY': {
            const canary = configuration.canaryConfiguration;
            productionShifts = 2;
            add(1, canary?.canaryBakeTimeInMinutes ?? CANARY_DEFAULTS.bakeMinutes, 'canary bake');
            break;
        }
        case 'LINEAR': {
            const linear = configuration.linearConfiguration;
            productionShifts = linearSteps(linear?.stepPercent ?? LINEAR_DEFAULTS.percent);
            add(productionShifts - 1, linear?.stepBakeTimeInMinutes ?? LINEAR_DEFAULTS.bakeMinutes, 'linear step bake');
            break;
        }
    }
    add(1, configuration?.bakeTimeInMinutes ?? 0, 'bake time');
    if (behindNetworkLoadBalancer)
        add(1 + productionShifts, NLB_DELAY_MINUTES, 'Network Load Balancer delay');
    return { minutes, parts };
}
/** Production traffic shifts of a linear deployment: equal steps up to 100 %, the last one maybe smaller. */
function linearSteps(stepPercent) {
    // 100 / 10 is exactly 10 steps; 100 / 3 is 33.3\u2026, so 34.
    return Math.ceil(100 / stepPercent - 1e-9);
}
/**
 * Whether the service's blue/green traffic goes through a Network Load Balancer: its
 * production listener rule is then a listener ARN (`listener/net/\u2026`), an ALB's a rule ARN.
 */
function behindNetworkLoadBalancer(service) {
    return (service.loadBalancers ?? []).some(loadBalancer => /:listener\/net\//.test(loadBalancer.advancedConfiguration?.productionListenerRule ?? ''));
}
/**
 * What a release waits for besides its least time (tasks starting and draining, hooks,
 * ECS's own steps): the fixed default `timeout` had before it grew with the configuration.
 */
const TIMEOUT_MARGIN_MINUTES = 60;
/** The timeout when the `timeout` input is empty: enough for a healthy release of this shape. */
function defaultTimeout(least) {
    return Math.min(least.minutes + TIMEOUT_MARGIN_MINUTES, MAX_TIMEOUT);
}
/**
 * Minutes the step waits for a deployment whose least time is `least`: the `timeout`
 * input, else defaultTimeout. A `timeout` below the least time cannot see the release
 * complete, so with `wait-until: complete` it is refused before anything changes.
 */
function timeoutFor(least, inputs) {
    if (inputs.timeout === undefined)
        return defaultTimeout(least);
    if (inputs.waitUntil.kind === 'complete' && inputs.timeout < least.minutes) {
        throw new InputError('timeout', `${inputs.timeout} minutes is less than the least time this deployment takes, ${describeLeastTime(least)}: ` +
            `give at least ${least.minutes}, or leave timeout empty to wait ${defaultTimeout(least)} minutes.`);
    }
    return inputs.timeout;
}
/** `27 minutes (bake time 15 min + 2 linear step bakes \u00d7 6 min)`. */
function describeLeastTime(least) {
    const total = (0,model_format/* minutes */.Gx)(least.minutes);
    return least.parts.length > 0 ? `${total} (${least.parts.join(' + ')})` : total;
}

;// CONCATENATED MODULE: ./src/plan/test-traffic.ts
/**
 * How test traffic reaches the new revision of a Service Connect service: the header of
 * its client aliases' test traffic rule and the endpoints that take it
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-connect-blue-green.html).
 * Undefined without a header rule with an exact value (a load balancer's test listener
 * rule has no endpoint the action knows).
 */
function testTrafficRoute(configuration) {
    if (!configuration?.enabled)
        return undefined;
    const aliases = (configuration.services ?? []).flatMap(service => (service.clientAliases ?? []).map(alias => ({ service, alias })));
    const header = aliases.find(({ alias }) => alias.testTrafficRules?.header?.value?.exact)?.alias
        .testTrafficRules?.header;
    const value = header?.value?.exact;
    if (!header?.name || value === undefined)
        return undefined;
    return {
        header: header.name,
        value,
        endpoints: endpointsOf(aliases.filter(({ alias }) => alias.testTrafficRules?.header?.name === header.name))
    };
}
/**
 * ECS's default header, which Service Connect matches on every client alias without a test
 * traffic rule: "By default, Service Connect recognizes the x-amzn-ecs-blue-green-test
 * header for HTTP-based protocols when no custom rules are specified"
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-connect-blue-green.html).
 * Its match value is not documented, so the route has none. Undefined when the service has
 * no client alias, or has a rule of its own.
 */
function defaultTestTrafficRoute(configuration) {
    if (!configuration?.enabled)
        return undefined;
    const aliases = (configuration.services ?? []).flatMap(service => (service.clientAliases ?? []).map(alias => ({ service, alias })));
    if (aliases.length === 0 || aliases.some(({ alias }) => alias.testTrafficRules))
        return undefined;
    return { header: DEFAULT_TEST_HEADER, endpoints: endpointsOf(aliases) };
}
/** The header Service Connect matches when a client alias has no test traffic rule. */
const DEFAULT_TEST_HEADER = 'x-amzn-ecs-blue-green-test';
function endpointsOf(aliases) {
    const endpoints = aliases.map(({ service, alias }) => {
        const host = alias.dnsName ?? service.discoveryName ?? service.portName;
        return `http://${host}:${alias.port}/`;
    });
    return [...new Set(endpoints)];
}
/** `header x-canary: green on http://web.demo.local:80/`, for the log. */
function describeTestTraffic(route) {
    const where = route.endpoints.length > 0 ? ` on ${route.endpoints.join(', ')}` : '';
    return `requests with header ${describeHeader(route)}${where} reach the new revision`;
}
/** `x-canary: green`, or ECS's default header, whose match value is not documented. */
function describeHeader(route) {
    return route.value === undefined
        ? `${route.header} (ECS's default; its match value is not documented)`
        : `${route.header}: ${route.value}`;
}

;// CONCATENATED MODULE: ./src/plan/service-settings.ts



/** ECS's default timeout of a hook (DeploymentLifecycleHookTimeoutConfiguration). */
const HOOK_TIMEOUT_DEFAULT = { timeoutInMinutes: 1440, action: 'ROLLBACK' };
const strategyOf = (settings) => settings.deploymentConfiguration?.strategy ?? 'ROLLING';
function canary(settings) {
    if (strategyOf(settings) !== 'CANARY')
        return model_format/* NONE */.x3;
    const { canaryPercent, canaryBakeTimeInMinutes } = settings.deploymentConfiguration?.canaryConfiguration ?? {};
    const percent = canaryPercent ?? CANARY_DEFAULTS.percent;
    const bake = canaryBakeTimeInMinutes ?? CANARY_DEFAULTS.bakeMinutes;
    return `${percent} %, then ${bake} min`;
}
function linear(settings) {
    if (strategyOf(settings) !== 'LINEAR')
        return model_format/* NONE */.x3;
    const { stepPercent, stepBakeTimeInMinutes } = settings.deploymentConfiguration?.linearConfiguration ?? {};
    const percent = stepPercent ?? LINEAR_DEFAULTS.percent;
    const bake = stepBakeTimeInMinutes ?? LINEAR_DEFAULTS.bakeMinutes;
    return `${percent} % steps, ${bake} min apart`;
}
function bakeTime(settings) {
    const minutes = settings.deploymentConfiguration?.bakeTimeInMinutes;
    return minutes === undefined ? model_format/* NONE */.x3 : `${minutes} min`;
}
function hooksOf(settings, pauses) {
    return (settings.deploymentConfiguration?.lifecycleHooks ?? []).filter(hook => (hook.targetType === 'PAUSE') === pauses);
}
/** What ECS runs of a hook, with ECS's defaults filled in, so equal hooks compare equal. */
function hookKey(hook) {
    return JSON.stringify([
        hook.targetType ?? 'AWS_LAMBDA',
        hook.hookTargetArn ?? '',
        hook.roleArn ?? '',
        [...(hook.lifecycleStages ?? [])].sort(),
        hook.timeoutConfiguration?.timeoutInMinutes ?? HOOK_TIMEOUT_DEFAULT.timeoutInMinutes,
        hook.timeoutConfiguration?.action ?? HOOK_TIMEOUT_DEFAULT.action,
        hook.hookDetails ?? null
    ]);
}
/** `smoke-test at PRE_SCALE_UP` or, for a pause, `POST_TEST_TRAFFIC_SHIFT (60 min, then ROLLBACK)`. */
function describeHook(hook) {
    const stages = (hook.lifecycleStages ?? []).join(', ');
    const timeout = hook.timeoutConfiguration?.timeoutInMinutes ?? HOOK_TIMEOUT_DEFAULT.timeoutInMinutes;
    const action = hook.timeoutConfiguration?.action ?? HOOK_TIMEOUT_DEFAULT.action;
    if (hook.targetType === 'PAUSE')
        return `${stages} (${timeout} min, then ${action})`;
    return `${(0,model_format/* functionName */.AQ)(hook.hookTargetArn ?? 'a Lambda function')} at ${stages}`;
}
const hookList = (pauses) => (settings) => {
    const hooks = hooksOf(settings, pauses);
    return hooks.length === 0 ? model_format/* NONE */.x3 : hooks.map(describeHook).join('; ');
};
const SETTINGS = [
    { name: 'Strategy', key: strategyOf, text: strategyOf, inputs: ['strategy'] },
    { name: 'Bake time', key: bakeTime, text: bakeTime, inputs: ['bake-time'] },
    {
        name: 'Canary',
        key: canary,
        text: canary,
        inputs: ['canary-percent', 'canary-bake-time', 'strategy']
    },
    {
        name: 'Linear steps',
        key: linear,
        text: linear,
        inputs: ['linear-step-percent', 'linear-step-bake-time', 'strategy']
    },
    {
        name: 'Lambda hooks',
        key: settings => hooksOf(settings, false).map(hookKey).sort().join('\n'),
        text: hookList(false),
        inputs: ['lifecycle-hooks']
    },
    {
        name: 'Pauses',
        key: settings => hooksOf(settings, true).map(hookKey).sort().join('\n'),
        text: hookList(true),
        inputs: ['pause-at', 'lifecycle-hooks']
    },
    {
        name: 'Early success criteria',
        key: settings => JSON.stringify(settings.deploymentConfiguration?.earlySuccessCriteria ?? null),
        text: settings => (settings.deploymentConfiguration?.earlySuccessCriteria ? 'set' : model_format/* NONE */.x3),
        inputs: ['strategy']
    },
    {
        name: 'Test traffic rule',
        key: settings => JSON.stringify((settings.serviceConnectConfiguration?.services ?? []).flatMap(entry => (entry.clientAliases ?? []).map(alias => alias.testTrafficRules ?? null))),
        text: settings => {
            const route = testTrafficRoute(settings.serviceConnectConfiguration);
            return route ? `${route.header}: ${route.value}` : model_format/* NONE */.x3;
        },
        inputs: ['test-traffic-header']
    }
];
/**
 * The settings that differ between `before` (the service now) and `after` (what the
 * release sends), each with the input that changes it. Values ECS fills in with its
 * defaults compare equal to the defaults spelt out.
 */
function settingChanges(before, after, given) {
    return SETTINGS.filter(setting => setting.key(before) !== setting.key(after)).map(setting => ({
        setting: setting.name,
        before: setting.text(before),
        after: setting.text(after),
        input: setting.inputs.find(input => given[input]) ?? setting.inputs.at(-1) ?? ''
    }));
}
/** `Strategy ROLLING \u2192 BLUE_GREEN; Bake time \u2014 \u2192 10 min`, for the log and error messages. */
function describeSettingChanges(changes) {
    return changes
        .map(change => `${change.setting} ${change.before} \u2192 ${change.after} (${change.input})`)
        .join('; ');
}

;// CONCATENATED MODULE: ./src/plan/service-update.ts





/**
 * Checks that the service can take an ECS-native blue/green release with these inputs,
 * and builds the one UpdateService call that starts it. The deployment configuration
 * sent is the service's own with only the fields the inputs give changed, so circuit
 * breaker and alarm settings are never dropped; it is sent only when that changes a
 * setting, as is the Service Connect configuration. Load balancers are never re-sent
 * (ECS swaps target groups itself, and re-sending the declared layout would undo that).
 * With `task-definition-only`, any setting change is refused.
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
    const merged = mergeDeploymentConfiguration(current, inputs, strategy);
    const currentServiceConnect = (0,ecs_service/* primaryDeployment */.sg)(service)?.serviceConnectConfiguration;
    const serviceConnect = inputs.testTrafficHeader
        ? withTestTrafficHeader(service, inputs.testTrafficHeader, name)
        : undefined;
    const changes = settingChanges({ deploymentConfiguration: current, serviceConnectConfiguration: currentServiceConnect }, {
        deploymentConfiguration: merged ?? current,
        serviceConnectConfiguration: serviceConnect ?? currentServiceConnect
    }, givenInputs(inputs));
    if (inputs.taskDefinitionOnly && changes.length > 0) {
        throw new InputError('task-definition-only', `is true, and this release would change settings of service '${name}': ${describeSettingChanges(changes)}. ` +
            'Remove those inputs (the service keeps its settings), or change the settings where they are owned.');
    }
    // What ECS already applies is not sent again: a release changes no more than it says.
    const changesConfiguration = changes.some(change => change.setting !== TEST_TRAFFIC_RULE);
    const configuration = changesConfiguration ? merged : undefined;
    if (strategy !== currentStrategy) {
        checkNoDeploymentUnderWay(service, name, currentStrategy, strategy);
        checkLoadBalancersReady(service, name);
        if (configuration)
            checkBakeTime(configuration, currentStrategy, name);
    }
    const hooks = configuration?.lifecycleHooks ?? current.lifecycleHooks ?? [];
    checkHookCounts(inputs.lifecycleHooks ? 'lifecycle-hooks' : 'pause-at', hooks);
    if (inputs.waitUntil.kind === 'paused' && !hooks.some(hook => hook.targetType === 'PAUSE')) {
        throw new InputError('wait-until', `'paused' needs a pause, but service '${name}' has no PAUSE hook; set pause-at (e.g. POST_TEST_TRAFFIC_SHIFT) or add one in lifecycle-hooks.`);
    }
    const least = leastDeploymentTime(configuration ?? current, behindNetworkLoadBalancer(service));
    const timeoutMinutes = timeoutFor(least, inputs);
    const update = { cluster: inputs.cluster, service: inputs.service };
    if (configuration)
        update.deploymentConfiguration = configuration;
    if (serviceConnect && changes.some(change => change.setting === TEST_TRAFFIC_RULE))
        update.serviceConnectConfiguration = serviceConnect;
    return {
        update,
        strategy,
        hooks,
        least,
        timeoutMinutes,
        settingChanges: changes,
        warnings: [
            ...droppedLambdaHooks(current.lifecycleHooks ?? [], hooks, inputs, name),
            ...keptPauses(hooks, inputs, name)
        ]
    };
}
/** The name settingChanges gives the Service Connect test traffic rule. */
const TEST_TRAFFIC_RULE = 'Test traffic rule';
/** Which of the inputs that change service settings the step was given. */
function givenInputs(inputs) {
    return {
        strategy: inputs.strategy !== undefined,
        'bake-time': inputs.bakeTime !== undefined,
        'canary-percent': inputs.canaryPercent !== undefined,
        'canary-bake-time': inputs.canaryBakeTime !== undefined,
        'linear-step-percent': inputs.linearStepPercent !== undefined,
        'linear-step-bake-time': inputs.linearStepBakeTime !== undefined,
        'lifecycle-hooks': inputs.lifecycleHooks !== undefined,
        'pause-at': inputs.pauseAt.length > 0 || inputs.removePauses,
        'test-traffic-header': inputs.testTrafficHeader !== undefined
    };
}
/**
 * `lifecycle-hooks` replaces the service's hooks: a Lambda hook the service runs today and
 * the list leaves out is removed, which is easy to miss when the list was meant to change
 * something else (say, to drop a pause).
 */
function droppedLambdaHooks(before, after, inputs, name) {
    if (inputs.lifecycleHooks === undefined)
        return [];
    const kept = new Set(after.map(hook => hook.hookTargetArn));
    return before
        .filter(hook => hook.targetType !== 'PAUSE' && !kept.has(hook.hookTargetArn))
        .map(hook => `lifecycle-hooks leaves out the Lambda hook ${describeHook(hook)} (${hook.hookTargetArn ?? 'no function'}) ` +
        `that service '${name}' runs today: this release removes it from the service. List it in lifecycle-hooks to keep it; ` +
        'to remove only pauses, set pause-at: none instead.');
}
/** PAUSE hooks stay in the service's configuration: a release that did not ask for one (pause-at, a PAUSE in lifecycle-hooks, wait-until paused) still waits there. */
function keptPauses(hooks, inputs, name) {
    const pauses = hooks
        .filter(hook => hook.targetType === 'PAUSE')
        .flatMap(hook => hook.lifecycleStages ?? []);
    const asked = inputs.pauseAt.length > 0 ||
        inputs.waitUntil.kind === 'paused' ||
        (inputs.lifecycleHooks ?? []).some(hook => hook.targetType === 'PAUSE');
    if (pauses.length === 0 || asked)
        return [];
    return [
        `Service ${name} pauses at ${pauses.join(', ')} (PAUSE hooks are kept in the service's configuration, ` +
            'e.g. from an earlier pause-at): this release waits there for promote. Set pause-at: none to release without them (its Lambda hooks are kept).'
    ];
}
function checkStrategySettings(inputs, strategy) {
    const only = (input, value, wanted) => {
        if (value !== undefined && strategy !== wanted) {
            throw new InputError(input, `applies only to strategy ${wanted}; this release uses ${strategy}.`);
        }
    };
    only('canary-percent', inputs.canaryPercent, 'CANARY');
    only('canary-bake-time', inputs.canaryBakeTime, 'CANARY');
    only('linear-step-percent', inputs.linearStepPercent, 'LINEAR');
    only('linear-step-bake-time', inputs.linearStepBakeTime, 'LINEAR');
}
/**
 * ECS changes a service's deployment strategy only once its current deployments have
 * completed, and a service with a load balancer or Service Connect needs a rolling
 * deployment with its blue/green resources first
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/update-rolling-to-bluegreen.html;
 * README.md, "Switching a service's strategy").
 */
function checkNoDeploymentUnderWay(service, name, from, to) {
    const ongoing = (0,ecs_service/* ongoingDeploymentId */.kh)(service);
    if (!ongoing)
        return;
    throw new InputError('strategy', `switching service '${name}' from ${from} to ${to} needs its current deployments to have completed, ` +
        `and deployment ${ongoing} is under way. Wait for it to end, then release again. ` +
        (from === 'ROLLING'
            ? 'Before the switch, a service behind a load balancer needs its advancedConfiguration (alternate target group, ' +
                'listener rules, infrastructure role) and a Service Connect service its configuration, each followed by one ' +
                'rolling deployment (ECS then consolidates traffic on one revision); see ' +
                'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/update-rolling-to-bluegreen.html.'
            : 'See https://docs.aws.amazon.com/AmazonECS/latest/developerguide/migrate-deployment-strategies.html.'));
}
/**
 * bakeTimeInMinutes: "You must provide this parameter when you use the BLUE_GREEN deployment
 * strategy" (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DeploymentConfiguration.html).
 */
function checkBakeTime(configuration, from, name) {
    if (configuration.strategy !== 'BLUE_GREEN' || configuration.bakeTimeInMinutes !== undefined)
        return;
    throw new InputError('bake-time', `is needed to switch service '${name}' from ${from} to BLUE_GREEN: ECS requires a bake time with BLUE_GREEN ` +
        'and the service has none. Set bake-time to the minutes both revisions run after production traffic moved (0 for none).');
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
    // Settings only valid with another strategy ("Only valid when the deployment strategy is
    // CANARY" / "LINEAR"; early success criteria "only with rolling deployment strategy":
    // DeploymentConfiguration in the SDK's documentation) are left out, so ECS keeps none.
    const next = {
        ...current,
        strategy: strategy
    };
    if (strategy !== 'CANARY')
        delete next.canaryConfiguration;
    if (strategy !== 'LINEAR')
        delete next.linearConfiguration;
    delete next.earlySuccessCriteria;
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
    if (inputs.lifecycleHooks !== undefined || inputs.pauseAt.length > 0 || inputs.removePauses) {
        const given = inputs.lifecycleHooks ?? current.lifecycleHooks ?? [];
        const hooks = inputs.removePauses ? given.filter(hook => hook.targetType !== 'PAUSE') : given;
        next.lifecycleHooks = withPauseHooks(hooks, inputs.pauseAt, inputs.pauseTimeout, inputs.pauseTimeoutAction);
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
        throw new InputError('test-traffic-header', `service '${name}' does not use Service Connect with a client alias, so there is no header route to set. ` +
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

;// CONCATENATED MODULE: ./src/plan/task-definition-fit.ts


/**
 * Whether the service can run a task definition: what UpdateService would refuse is
 * refused before anything changes, for a rendered task definition and an existing
 * revision alike. Returns what is worth a warning.
 *
 * - A load balancer names a container and port that "must remain in the task definition"
 *   (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-load-balancing.html);
 *   ECS refuses one without them ("The container app does not exist in the task definition.").
 * - A Service Connect service's `portName` "must match the name of one of the portMappings
 *   from all the containers in the task definition"
 *   (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ServiceConnectService.html).
 * - Another family is allowed, and said: the service runs that family from then on.
 */
function checkTaskDefinitionFits(service, document, label) {
    const containers = document.containerDefinitions;
    const names = containers.map(container => String(container.name));
    const ports = (container) => Array.isArray(container.portMappings)
        ? container.portMappings
        : [];
    for (const loadBalancer of service.loadBalancers ?? []) {
        const { containerName, containerPort, targetGroupArn } = loadBalancer;
        if (!containerName)
            continue;
        const target = targetGroupArn ? ` (target group ${targetGroupArn})` : '';
        const container = containers.find(candidate => candidate.name === containerName);
        if (!container) {
            throw new InputError('task-definition', `${label} has no container '${containerName}', which the service's load balancer${target} sends traffic to; ` +
                `its containers are ${names.join(', ')}. ECS refuses the update: "The container ${containerName} does not exist in the task definition."`);
        }
        if (containerPort !== undefined &&
            !ports(container).some(mapping => mapping.containerPort === containerPort)) {
            throw new InputError('task-definition', `${label}: container '${containerName}' has no port mapping for port ${containerPort}, which the service's load balancer${target} sends traffic to.`);
        }
    }
    const portNames = new Set(containers.flatMap(container => ports(container).map(mapping => mapping.name)));
    const serviceConnect = (0,ecs_service/* primaryDeployment */.sg)(service)?.serviceConnectConfiguration;
    for (const entry of serviceConnect?.enabled ? (serviceConnect.services ?? []) : []) {
        if (entry.portName && !portNames.has(entry.portName)) {
            throw new InputError('task-definition', `${label} has no port mapping named '${entry.portName}', the port the service's Service Connect configuration serves; name one of its portMappings so.`);
        }
    }
    const family = /:task-definition\/([^:]+):/.exec(service.taskDefinition ?? '')?.[1];
    return family && document.family !== family
        ? [
            `${label} is of family ${String(document.family)}, and service '${service.serviceName ?? ''}' runs family ${family}: ` +
                `the service runs ${String(document.family)} from this release on.`
        ]
        : [];
}

;// CONCATENATED MODULE: ./src/task-definition/conform.ts


/** A value that has no faithful conversion to the type the API declares for it. */
class ShapeMismatch extends Error {
    path;
    constructor(path, detail) {
        super(`${path} ${detail}`);
        this.path = path;
        this.name = 'ShapeMismatch';
    }
}
const NUMBER_TYPES = ['integer', 'long', 'double', 'number'];
/** Plain decimal notation only: `0x10` or `1e3` in a string is not a number someone meant. */
const DECIMAL = /^-?(\d+(\.\d+)?|\.\d+)$/;
/**
 * `value` with every member converted to the type `shape` declares, where the conversion
 * is faithful: a number or a boolean where a string belongs becomes its text (YAML reads
 * `cpu: 512` and `awslogs-create-group: true` as a number and a boolean, which ECS refuses
 * for these string members), a decimal string where a number belongs becomes the number,
 * `"true"`/`"false"` where a boolean belongs the boolean. `null` is left out, as the SDK
 * leaves it out. Anything else that does not fit throws a ShapeMismatch naming the member;
 * values are never quoted (environment values can be secrets). Members `shape` does not
 * have are left out and listed, except the `ignored` top-level ones.
 */
function conformToShape(value, shape, ignored = []) {
    const unknown = [];
    const conform = (item, itemShape, path) => {
        switch (itemShape.type) {
            case 'structure':
            case 'union': {
                if (!isPlainObject(item))
                    throw mismatch(path, item, 'an object');
                const members = itemShape.members ?? {};
                const result = {};
                for (const [key, member] of Object.entries(item)) {
                    const memberShape = members[key];
                    const memberPath = joinPath(path, key);
                    if (!memberShape) {
                        if (!(path === '' && ignored.includes(key)))
                            unknown.push(memberPath);
                    }
                    else if (member !== null && member !== undefined) {
                        result[key] = conform(member, memberShape, memberPath);
                    }
                }
                for (const key of itemShape.required ?? []) {
                    if (result[key] === undefined)
                        throw new ShapeMismatch(joinPath(path, key), 'is required.');
                }
                return result;
            }
            case 'list':
                if (!Array.isArray(item))
                    throw mismatch(path, item, 'a list');
                return item.map((element, index) => conformElement(element, itemShape, `${path}[${index}]`));
            case 'map':
                if (!isPlainObject(item))
                    throw mismatch(path, item, 'a map of names to values');
                return Object.fromEntries(Object.entries(item).map(([key, element]) => [
                    key,
                    conformElement(element, itemShape, joinPath(path, key))
                ]));
            case 'string':
                if (typeof item === 'string')
                    return item;
                if (typeof item === 'boolean')
                    return String(item);
                if (typeof item === 'number' && Number.isFinite(item)) {
                    if (Number.isInteger(item) && !Number.isSafeInteger(item))
                        throw new ShapeMismatch(path, 'is a number too large to be read exactly: quote it.');
                    return String(item);
                }
                throw mismatch(path, item, 'a string');
            case 'boolean':
                if (typeof item === 'boolean')
                    return item;
                if (item === 'true' || item === 'false')
                    return item === 'true';
                throw mismatch(path, item, 'true or false');
            default:
                if (NUMBER_TYPES.includes(itemShape.type)) {
                    if (typeof item === 'number')
                        return item;
                    if (typeof item === 'string' && DECIMAL.test(item.trim()))
                        return Number(item);
                    throw mismatch(path, item, 'a number');
                }
                // Timestamps, blobs and documents: no task definition member has one; sent as given.
                return item;
        }
    };
    const conformElement = (element, container, path) => {
        if (element === null || element === undefined)
            throw new ShapeMismatch(path, 'is empty: remove it or give it a value.');
        return conform(element, container.member ?? { type: 'document' }, path);
    };
    return { value: conform(value, shape, ''), unknown };
}
function mismatch(path, value, wanted) {
    return new ShapeMismatch(path, `is ${describeType(value)}; the API takes ${wanted}.`);
}
function describeType(value) {
    if (Array.isArray(value))
        return 'a list';
    if (isPlainObject(value))
        return 'an object';
    if (typeof value === 'string')
        return 'a string';
    if (typeof value === 'number')
        return 'a number';
    if (typeof value === 'boolean')
        return 'a boolean';
    return `of type ${typeof value}`;
}

;// CONCATENATED MODULE: ./src/task-definition/diff.ts

/**
 * What a release changes in a task definition besides images and environment variables
 * (the containers table shows those): the fields that differ from the service's task
 * definition, by name. Both sides are in RegisterTaskDefinition's form. Values are shown
 * only for fields that hold sizes, roles and modes; other fields (commands, labels, log
 * options) may hold anything, so only their names are given.
 */
/** Top-level fields whose values are shown. */
const SHOWN = new Set([
    'family',
    'cpu',
    'memory',
    'networkMode',
    'taskRoleArn',
    'executionRoleArn',
    'pidMode',
    'ipcMode',
    'requiresCompatibilities'
]);
/** Container fields whose values are shown. */
const SHOWN_IN_CONTAINER = new Set(['cpu', 'memory', 'memoryReservation', 'essential']);
/** Shown by the containers table, or not part of a revision's content (tags). */
const SKIPPED = new Set(['containerDefinitions', 'tags']);
const SKIPPED_IN_CONTAINER = new Set(['name', 'image', 'environment']);
/**
 * The fields of `next` that differ from `previous`. What DescribeTaskDefinition fills in
 * with ECS's defaults (empty lists, a container's `cpu: 0` and `essential: true`, a port
 * mapping's `tcp` and its host port) counts as left out, so a file that leaves them out
 * shows no change.
 */
function otherFieldChanges(next, previous) {
    const changes = compareFields(next, previous, SKIPPED, SHOWN, field => field);
    const containers = (document) => new Map((Array.isArray(document.containerDefinitions) ? document.containerDefinitions : [])
        .filter(isPlainObject)
        .map(container => [String(container.name), container]));
    const before = containers(previous);
    const after = containers(next);
    for (const name of [...new Set([...before.keys(), ...after.keys()])]) {
        const field = `containerDefinitions[${name}]`;
        const old = before.get(name);
        const now = after.get(name);
        if (!old || !now) {
            changes.push({ field, before: old ? 'defined' : 'none', after: now ? 'defined' : 'none' });
            continue;
        }
        changes.push(...compareFields(withContainerDefaults(now), withContainerDefaults(old), SKIPPED_IN_CONTAINER, SHOWN_IN_CONTAINER, member => `${field}.${member}`));
    }
    return changes;
}
function compareFields(next, previous, skipped, shown, path) {
    const fields = [...new Set([...Object.keys(previous), ...Object.keys(next)])]
        .filter(field => !skipped.has(field))
        .sort();
    return fields.flatMap(field => {
        const before = canonical(previous[field]);
        const after = canonical(next[field]);
        if (before === after)
            return [];
        return [
            shown.has(field)
                ? { field: path(field), before: display(previous[field]), after: display(next[field]) }
                : { field: path(field) }
        ];
    });
}
/** A container without the members ECS fills in with its defaults. */
function withContainerDefaults(container) {
    const result = { ...container };
    if (result.cpu === 0)
        delete result.cpu;
    if (result.essential === true)
        delete result.essential;
    if (Array.isArray(result.portMappings)) {
        result.portMappings = result.portMappings.map((mapping) => {
            if (!isPlainObject(mapping))
                return mapping;
            const plain = { ...mapping };
            if (plain.protocol === 'tcp')
                delete plain.protocol;
            if (plain.hostPort === plain.containerPort)
                delete plain.hostPort;
            return plain;
        });
    }
    return result;
}
/** JSON with sorted keys, and empty lists and objects taken as absent. */
function canonical(value) {
    const normal = (item) => {
        if (Array.isArray(item))
            return item.length === 0 ? undefined : item.map(normal);
        if (isPlainObject(item)) {
            const entries = Object.keys(item)
                .sort()
                .map(key => [key, normal(item[key])])
                .filter(([, member]) => member !== undefined);
            return entries.length === 0 ? undefined : Object.fromEntries(entries);
        }
        return item === null ? undefined : item;
    };
    return JSON.stringify(normal(value) ?? null);
}
function display(value) {
    if (value === undefined || value === null)
        return 'none';
    if (Array.isArray(value))
        return value.map(display).join(', ');
    const scalar = typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
    return scalar ? String(value) : JSON.stringify(value);
}

;// CONCATENATED MODULE: ./src/task-definition/load.ts






/** A task definition file is a few KiB; ECS itself caps a registration at 64 KiB of JSON. */
const MAX_FILE_BYTES = 1024 * 1024;
const load_INPUT = 'task-definition';
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
            throw new InputError(load_INPUT, `'${path}' is not a file.`);
        if (info.size > MAX_FILE_BYTES) {
            throw new InputError(load_INPUT, `'${path}' is ${info.size} bytes; a task definition file may be at most ${MAX_FILE_BYTES} bytes.`);
        }
        text = await (0,promises_.readFile)(fullPath, 'utf8');
    }
    catch (error) {
        if (error instanceof InputError)
            throw error;
        const code = error.code;
        const why = code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? String(error)})`;
        throw new InputError(load_INPUT, `'${path}' ${why} (looked in ${fullPath}).`);
    }
    const isJson = (0,external_node_path_.extname)(fullPath).toLowerCase() === '.json';
    if (!isJson)
        await loadStructuredTextParser();
    let parsed;
    try {
        parsed = isJson ? parseJson(text) : parseStructuredText(text);
    }
    catch (error) {
        throw new InputError(load_INPUT, `'${path}': ${(0,model_format/* errorMessage */.gJ)(error)}`);
    }
    return checkTaskDefinition(parsed, `'${path}'`);
}
function parseJson(text) {
    let value;
    try {
        value = JSON.parse(text);
    }
    catch (error) {
        throw new Error(`it is not valid JSON: ${(0,model_format/* errorMessage */.gJ)(error)}`, { cause: error });
    }
    checkDepth(value);
    return value;
}
/**
 * Checks the parts of a task definition that rendering relies on, and what ECS would
 * refuse at RegisterTaskDefinition in a file, so a bad file changes nothing in ECS.
 */
function checkTaskDefinition(value, where) {
    const document = isPlainObject(value) && isPlainObject(value.taskDefinition) ? value.taskDefinition : value;
    if (!isPlainObject(document))
        throw new InputError(load_INPUT, `${where} is not a task definition object.`);
    if (typeof document.family !== 'string' || document.family === '') {
        throw new InputError(load_INPUT, `${where} has no family.`);
    }
    if (!ECS_NAME_PATTERN.test(document.family)) {
        throw new InputError(load_INPUT, `${where}: family ${quote(document.family)} is not a task definition family (${ECS_NAME_RULE}).`);
    }
    const containers = document.containerDefinitions;
    if (!Array.isArray(containers) || containers.length === 0) {
        throw new InputError(load_INPUT, `${where} has no containerDefinitions list.`);
    }
    const names = new Set();
    containers.forEach((container, index) => {
        if (!isPlainObject(container) || typeof container.name !== 'string' || container.name === '') {
            throw new InputError(load_INPUT, `${where}: container definition ${index + 1} has no name.`);
        }
        const { name } = container;
        if (!ECS_NAME_PATTERN.test(name)) {
            throw new InputError(load_INPUT, `${where}: container definition ${index + 1} is named ${quote(name)}, which is not a container name (${ECS_NAME_RULE}).`);
        }
        if (names.has(name))
            throw new InputError(load_INPUT, `${where}: container '${name}' is defined twice.`);
        names.add(name);
        checkPairs(container.environment, 'value', `${where}: container '${name}' environment`);
        checkPairs(container.secrets, 'valueFrom', `${where}: container '${name}' secrets`);
    });
    return document;
}
/**
 * `environment` and `secrets` are lists of `{name, value}` / `{name, valueFrom}`. A number
 * or true/false is sent as its text (rendering converts it), but YAML reads `value:` with
 * nothing after it as null, which would register the variable without a value; values
 * are never quoted here.
 */
function checkPairs(list, valueKey, where) {
    if (list === undefined)
        return;
    if (!Array.isArray(list))
        throw new InputError(load_INPUT, `${where} is not a list.`);
    list.forEach((entry, index) => {
        const name = isPlainObject(entry) ? entry.name : undefined;
        if (typeof name !== 'string' || name === '')
            throw new InputError(load_INPUT, `${where} entry ${index + 1} has no name.`);
        const value = entry[valueKey];
        const label = `${where} entry ${index + 1} (${(0,model_format/* clip */.$Q)(name, 80)})`;
        if (value === undefined || value === null) {
            const yaml = valueKey === 'value' ? " (in YAML, write '' for an empty value)" : '';
            throw new InputError(load_INPUT, `${label} has no ${valueKey}${yaml}.`);
        }
        if (typeof value === 'object')
            throw new InputError(load_INPUT, `${label}: ${valueKey} must be a string.`);
    });
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
/**
 * Applies the release's images and environment to a base task definition and returns
 * what RegisterTaskDefinition accepts: every value of the type `shape` (its input, read
 * from the SDK: registerTaskDefinitionShape) declares, so `cpu: 512` in a YAML file is sent
 * as "512". `previous` is what the service runs now, so the report can say what changes;
 * it defaults to the base.
 */
function renderTaskDefinition(shape, base, request, previous = base) {
    let conformed;
    try {
        conformed = conformToShape(base, shape, READ_ONLY_FIELDS);
    }
    catch (error) {
        if (!(error instanceof ShapeMismatch))
            throw error;
        throw new InputError('task-definition', `task definition ${String(base.family)}: ${error.message}`);
    }
    const input = conformed.value;
    const containers = input.containerDefinitions;
    const names = containers.map(container => container.name);
    const find = (name, inputName) => {
        const container = containers.find(candidate => candidate.name === name);
        if (!container) {
            throw new InputError(inputName, `container '${name}' is not in the task definition; its containers are ${names.join(', ')}.`);
        }
        return container;
    };
    for (const override of request.images)
        find(override.container, override.input).image = override.image;
    // A container-name that names no container is a mistake even when nothing is set on it.
    if (request.containerName !== undefined) {
        const container = find(request.containerName, 'container-name');
        if (request.environment.length > 0)
            container.environment = mergeEnvironment(container.environment, request.environment);
    }
    checkRegistrable(input, containers, request);
    return {
        input: input,
        containers: describeChanges(containers, previous.containerDefinitions),
        unknownFields: conformed.unknown
    };
}
/** ECS's quota on the size of a task definition, in bytes of JSON (not adjustable). */
const MAX_TASK_DEFINITION_BYTES = 64 * 1024;
/** What RegisterTaskDefinition would refuse, refused before anything is registered. */
function checkRegistrable(input, containers, request) {
    for (const container of containers) {
        if (typeof container.image !== 'string' || container.image === '') {
            throw new InputError('task-definition', `container '${container.name}' has no image; give it one in the file, or with container-name and image (or images).`);
        }
    }
    const bytes = Buffer.byteLength(JSON.stringify(input));
    if (bytes > MAX_TASK_DEFINITION_BYTES) {
        // Blame environment-variables only when the task definition fits without what it adds.
        const added = Buffer.byteLength(JSON.stringify(request.environment));
        const grown = bytes - added <= MAX_TASK_DEFINITION_BYTES ? 'environment-variables' : 'task-definition';
        throw new InputError(grown, `the rendered task definition is ${bytes} bytes of JSON; ECS registers at most ${MAX_TASK_DEFINITION_BYTES} (a quota that cannot be raised).`);
    }
}
/** Sets the given variables; the container's other variables stay as they were. */
function mergeEnvironment(current, updates) {
    const entries = Array.isArray(current)
        ? current.filter((entry) => typeof entry === 'object' && entry !== null)
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
    const toMap = (list) => new Map((Array.isArray(list) ? list : []).flatMap(entry => typeof entry?.name === 'string' ? [[entry.name, entry.value]] : []));
    const old = toMap(before);
    const now = toMap(after);
    const names = new Set([...old.keys(), ...now.keys()]);
    return [...names]
        .filter(name => old.has(name) !== now.has(name) || old.get(name) !== now.get(name))
        .sort();
}

;// CONCATENATED MODULE: ./src/task-definition/revision.ts



const revision_INPUT = 'task-definition';
/**
 * The registered revision `task-definition` names (`family:revision` or its ARN), to be
 * released as it is. ECS cannot update a service to an INACTIVE revision ("you can't update
 * an existing service to reference an INACTIVE task definition",
 * https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DeregisterTaskDefinition.html),
 * so only an ACTIVE one is taken, and `container-name`, when given, must name one of its
 * containers: both are refused before anything changes.
 */
async function loadRevision(ecs, revision, containerName) {
    let found;
    try {
        found = await describeTaskDefinition(ecs, revision);
    }
    catch (error) {
        // ECS answers ClientException "Unable to describe task definition." for one it does not have.
        if ((0,errors/* errorName */.Is)(error) !== 'ClientException')
            throw error;
        throw new InputError(revision_INPUT, `revision ${revision} was not found in ${ecs.region}. Check the family, the revision number and the AWS region.`);
    }
    const { document } = found;
    const arn = typeof document.taskDefinitionArn === 'string' ? document.taskDefinitionArn : revision;
    const status = typeof document.status === 'string' ? document.status : 'ACTIVE';
    if (status !== 'ACTIVE') {
        throw new InputError(revision_INPUT, `revision ${revision} is ${status}: ECS releases only ACTIVE revisions. Register it again (give task-definition a file) or name an ACTIVE revision.`);
    }
    const names = document.containerDefinitions.map(container => String(container.name));
    if (containerName !== undefined && !names.includes(containerName)) {
        throw new InputError('container-name', `container '${containerName}' is not in the task definition; its containers are ${names.join(', ')}.`);
    }
    return { ...found, arn };
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

;// CONCATENATED MODULE: ./src/commands/render.ts









/**
 * `command: render`: the task definition the release would register, written to a file.
 * From a file it makes no AWS call at all; from a registered revision it reads that one,
 * and without either the service's current task definition.
 */
async function render(ctx, release) {
    const { inputs } = ctx;
    let base;
    if (inputs.taskDefinition) {
        base = await loadTaskDefinitionFile(inputs.taskDefinition, ctx.workspace);
    }
    else if (inputs.taskDefinitionRevision) {
        const ecs = await ctx.connectEcs();
        base = (await loadRevision(ecs, inputs.taskDefinitionRevision, inputs.containerName)).document;
    }
    else {
        const ecs = await ctx.connectEcs();
        const service = await (0,ecs_service/* describeService */.Jv)(ecs, inputs.cluster, inputs.service);
        base = (await describeTaskDefinition(ecs, service.taskDefinition ?? '')).document;
    }
    const rendered = await renderToFile(ctx, base, base);
    release.taskDefinition = { containers: rendered.containers };
    concludeRelease(release, { kind: 'rendered' }, ctx.clock.now());
}
/** Renders the release's task definition, writes it for later steps and logs what changes. */
async function renderToFile(ctx, base, previous) {
    return inGroup(ctx.log, `Render task definition ${String(base.family)}`, async () => {
        const { inputs, log } = ctx;
        const rendered = renderTaskDefinition(await registerTaskDefinitionShape(), base, {
            images: inputs.images,
            containerName: inputs.containerName,
            environment: inputs.environmentVariables
        }, previous);
        // Before anything is logged (run() has masked the values of environment-variables).
        for (const value of taskDefinitionSecrets(rendered.input))
            ctx.secrets.add(value);
        if (rendered.unknownFields.length > 0) {
            log.warning(`Left out fields that RegisterTaskDefinition does not take: ${rendered.unknownFields.join(', ')}.`);
        }
        for (const container of rendered.containers) {
            const image = container.previousImage && container.previousImage !== container.image
                ? `${container.previousImage} \u2192 ${container.image}`
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

;// CONCATENATED MODULE: ./src/commands/release-plan.ts


















/**
 * Checks everything deploy checks and decides what it would send, recording on `release`
 * what the reports show: the strategy, the task definition change, the settings changed.
 */
async function planRelease(ctx, release) {
    const { inputs, log } = ctx;
    // A bad file is refused before the SDK is even loaded.
    const file = inputs.taskDefinition
        ? await loadTaskDefinitionFile(inputs.taskDefinition, ctx.workspace)
        : undefined;
    const ecs = await ctx.connectEcs();
    release.region = ecs.region;
    const warnings = [];
    const warn = (message) => {
        warnings.push(message);
        log.warning(message);
    };
    const { service, serviceUpdate } = await inGroup(log, `Check service ${inputs.service} in cluster ${inputs.cluster}`, async () => {
        const service = await (0,ecs_service/* describeService */.Jv)(ecs, inputs.cluster, inputs.service);
        const serviceUpdate = planServiceUpdate(service, inputs);
        describeServiceUpdate(ctx, service, serviceUpdate, release);
        for (const warning of serviceUpdate.warnings)
            warn(warning);
        const ongoing = (0,ecs_service/* ongoingDeploymentId */.kh)(service);
        if (ongoing) {
            release.supersededDeploymentArn = service.currentServiceDeployment ?? ongoing;
            warn(`Another deployment of ${service.serviceName} is under way (${release.supersededDeploymentArn}); ` +
                'ECS stops it when this release starts.');
        }
        return { service, serviceUpdate };
    });
    const current = await describeTaskDefinition(ecs, service.taskDefinition ?? '');
    const shape = await registerTaskDefinitionShape();
    const registrable = (document) => conformToShape(document, shape, READ_ONLY_FIELDS).value;
    if (inputs.taskDefinitionRevision) {
        const revision = await loadRevision(ecs, inputs.taskDefinitionRevision, inputs.containerName);
        for (const value of taskDefinitionSecrets(revision.document))
            ctx.secrets.add(value);
        if (revision.arn === service.taskDefinition) {
            throw new Error(`Service '${service.serviceName}' already runs ${inputs.taskDefinitionRevision}: releasing it again would start no deployment. Nothing was changed.`);
        }
        const label = `Task definition ${inputs.taskDefinitionRevision}`;
        for (const warning of checkTaskDefinitionFits(service, revision.document, label))
            warn(warning);
        const unchanged = { images: [], environment: [] };
        // The same description of containers as a rendered one's, against what the service runs.
        const { containers } = renderTaskDefinition(shape, revision.document, unchanged, current.document);
        release.taskDefinition = {
            arn: revision.arn,
            previousArn: service.taskDefinition,
            containers,
            otherChanges: otherFieldChanges(registrable(revision.document), registrable(current.document))
        };
        // The commit the revision records: the report of this release belongs to it, as the
        // promote run, which reads it back from the revision, will find.
        release.commit =
            revision.tags.find(tag => tag.key === TAG_COMMIT)?.value ??
                ctx.github.pullRequest?.headSha ??
                ctx.github.sha;
        log.info(`Releasing ${revision.arn} as it is: nothing is registered.`);
        return {
            ecs,
            service,
            serviceUpdate,
            taskDefinition: { kind: 'existing', arn: revision.arn },
            warnings
        };
    }
    const rendered = await renderToFile(ctx, file ?? current.document, current.document);
    const label = `The task definition${inputs.taskDefinition ? ` in '${inputs.taskDefinition}'` : ''}`;
    const document = rendered.input;
    for (const warning of checkTaskDefinitionFits(service, document, label))
        warn(warning);
    release.taskDefinition = {
        previousArn: service.taskDefinition,
        containers: rendered.containers,
        otherChanges: otherFieldChanges(rendered.input, registrable(current.document))
    };
    release.commit = ctx.github.pullRequest?.headSha ?? ctx.github.sha;
    return {
        ecs,
        service,
        serviceUpdate,
        taskDefinition: { kind: 'register', input: rendered.input },
        warnings
    };
}
/** Logs what the release will do to the service, and records what the reports show of it. */
function describeServiceUpdate(ctx, service, plan, release) {
    const { log } = ctx;
    release.strategy = plan.strategy;
    release.settingChanges = plan.settingChanges;
    const configuration = plan.update.deploymentConfiguration;
    // Until the deployment reports its own configuration, the one this run sends says where hooks run.
    release.configuredHooks = configuredHooks(plan.hooks);
    release.linearStepPercent = (configuration ?? service.deploymentConfiguration)
        ?.linearConfiguration?.stepPercent;
    log.info(`Service ${service.serviceArn}: ${service.desiredCount ?? '?'} tasks of ${service.taskDefinition}`);
    log.info(`Strategy ${plan.strategy}`);
    log.info(plan.settingChanges.length > 0
        ? `This release changes service settings, which stay after it: ${describeSettingChanges(plan.settingChanges)}.`
        : 'Service settings: unchanged; this release changes only the task definition.');
    for (const hook of plan.hooks) {
        const target = hook.targetType === 'PAUSE' ? 'pause' : hook.hookTargetArn;
        log.info(`Hook ${hook.targetType ?? 'AWS_LAMBDA'} ${target} at ${(hook.lifecycleStages ?? []).join(', ')}`);
    }
    release.testTraffic = testTrafficRoute(plan.update.serviceConnectConfiguration ??
        (0,ecs_service/* primaryDeployment */.sg)(service)?.serviceConnectConfiguration);
    if (release.testTraffic)
        log.info(`Test traffic: ${describeTestTraffic(release.testTraffic)}`);
    log.info(`Least time this deployment takes: ${describeLeastTime(plan.least)}; the step waits up to ${(0,model_format/* minutes */.Gx)(plan.timeoutMinutes)}` +
        `${ctx.inputs.timeout === undefined ? ` (the least time plus ${TIMEOUT_MARGIN_MINUTES})` : ''}.`);
}

;// CONCATENATED MODULE: ./src/commands/deploy.ts










/**
 * `command: deploy`: render and register the task definition (or take an existing
 * revision), start one blue/green deployment with UpdateService, and follow it through
 * its lifecycle stages. Every check, including those that read ECS, happens in
 * planRelease, before the first call that changes anything; `plan` runs the same checks.
 * A release of several services runs the same phases for each (commands/release-set.ts):
 * all are planned before any starts.
 */
async function deploy(ctx, release) {
    const plan = await planRelease(ctx, release);
    const started = await startPlannedDeploy(ctx, plan, release);
    const result = await followStartedDeploy(ctx, started, release);
    const { timeoutMinutes } = plan.serviceUpdate;
    await concludeWatch(ctx, started.ecs, release, result, started.events, timeoutMinutes);
}
/** Registers the task definition (unless the plan takes an existing revision) and starts the deployment. */
async function startPlannedDeploy(ctx, plan, release) {
    const { inputs, log } = ctx;
    const { ecs, serviceUpdate } = plan;
    let taskDefinitionArn;
    if (plan.taskDefinition.kind === 'register') {
        const { input } = plan.taskDefinition;
        stopIfCancelled(ctx, 'registering the task definition');
        taskDefinitionArn = await inGroup(log, 'Register task definition', async () => {
            const arn = await registerTaskDefinition(ecs, input, provenanceTags(ctx.github), log);
            log.info(`Registered ${arn}`);
            return arn;
        });
    }
    else {
        taskDefinitionArn = plan.taskDefinition.arn;
    }
    ctx.outputs.set('task-definition-arn', taskDefinitionArn);
    release.taskDefinition = { containers: [], ...release.taskDefinition, arn: taskDefinitionArn };
    const events = new ServiceEventStream(ecs, inputs.cluster, inputs.service, ctx.clock.now());
    const first = await startDeployment(ctx, ecs, serviceUpdate, taskDefinitionArn, release);
    void ctx.reporter.publish(release, false);
    return { ecs, first, events, timeoutMs: serviceUpdate.timeoutMinutes * 60_000 };
}
/** Follows a started deployment until the wait-until target, the end, or the timeout. */
function followStartedDeploy(ctx, started, release) {
    return followDeployment(ctx, started.ecs, release, {
        until: ctx.inputs.waitUntil,
        first: started.first,
        events: started.events,
        timeoutMs: started.timeoutMs
    });
}
/**
 * The one UpdateService call of the release, then the deployment it started. A cancel
 * that arrives while UpdateService is in flight has no deployment to roll back yet: it
 * is rolled back here, as soon as it is found.
 */
async function startDeployment(ctx, ecs, plan, taskDefinitionArn, release) {
    return inGroup(ctx.log, 'Start deployment', async () => {
        // Deployments created a little before UpdateService by AWS's clock still count as ours.
        const since = new Date(ctx.clock.now().getTime() - clock/* CLOCK_SKEW_MS */.r);
        const { service: updated } = await changeService(ctx, release, 'UpdateService', () => ecs.updateService({ ...plan.update, taskDefinition: taskDefinitionArn }));
        const deployment = await findStartedDeployment({
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
            ctx.saveState(STATE.deploymentArn, release.deploymentArn);
        }
        ctx.log.info(`Deployment ${release.deploymentArn} started`);
        // No await since the ARN was set: either the signal handler saw it or this sees the signal.
        if (ctx.signal.aborted) {
            await rollBackOnCancel(ctx, release, 'The job was cancelled while the deployment was starting');
        }
        return deployment;
    });
}

;// CONCATENATED MODULE: ./src/commands/plan.ts



/**
 * `command: plan`: everything deploy would check, and what deploy with the same inputs
 * would send (the task definition change, the service settings it changes, the least
 * time it takes), with read-only calls only. It reports as a check run that fails when
 * deploy would be refused, so it can be a required check on pull requests. Returns what
 * deploy would send.
 */
async function plan(ctx, release) {
    const { inputs } = ctx;
    const planned = await planRelease(ctx, release);
    const { serviceUpdate } = planned;
    release.plan = {
        source: inputs.taskDefinitionRevision
            ? { kind: 'revision' }
            : inputs.taskDefinition
                ? { kind: 'file', path: inputs.taskDefinition }
                : { kind: 'service' },
        leastTime: describeLeastTime(serviceUpdate.least),
        timeoutMinutes: serviceUpdate.timeoutMinutes,
        warnings: planned.warnings
    };
    ctx.log.info(`Plan: deploy would ${planned.taskDefinition.kind === 'register' ? 'register a new revision and ' : ''}` +
        `start a ${serviceUpdate.strategy} deployment of ${inputs.service}; nothing was changed.`);
    concludeRelease(release, { kind: 'planned' }, ctx.clock.now());
    await ctx.reporter.publish(release, true);
    return planned;
}

;// CONCATENATED MODULE: ./src/ecs/batched-reads.ts
/**
 * DescribeServiceDeployments and DescribeServiceRevisions take at most 20 ARNs,
 * DescribeServices 10 services of one cluster.
 */
const MAX_DEPLOYMENTS_PER_CALL = 20;
const MAX_REVISIONS_PER_CALL = 20;
const MAX_SERVICES_PER_CALL = 10;
/**
 * How long reads wait for others to join them (`wait` sleeps this long on the release's
 * clock): the polls of a release of several services are due together, and wake within a
 * few milliseconds of each other.
 */
const BATCH_WINDOW_MS = 20;
/**
 * Collects the reads made within a short window into as few calls as the API allows, and
 * hands each caller the part of the answer it asked about.
 */
class Batcher {
    limit;
    wait;
    send;
    pick;
    waiting = [];
    flushing = false;
    constructor(limit, wait, send, pick) {
        this.limit = limit;
        this.wait = wait;
        this.send = send;
        this.pick = pick;
    }
    read(keys) {
        return new Promise((resolve, reject) => {
            this.waiting.push({ keys, resolve, reject });
            if (this.flushing)
                return;
            this.flushing = true;
            void this.wait().then(() => {
                this.flushing = false;
                this.flush();
            });
        });
    }
    flush() {
        const waiting = this.waiting;
        this.waiting = [];
        // Waiters go together while their keys fit one call; a waiter is never split.
        let group = [];
        let keys = new Set();
        const groups = [];
        for (const waiter of waiting) {
            // Only the keys it adds: copying the group's keys for every waiter costs a poll of 20 services 20 sets.
            const added = new Set(waiter.keys.filter(key => !keys.has(key)));
            if (group.length > 0 && keys.size + added.size > this.limit) {
                groups.push({ waiters: group, keys: [...keys] });
                group = [];
                keys = new Set(waiter.keys);
            }
            else {
                for (const key of added)
                    keys.add(key);
            }
            group.push(waiter);
        }
        if (group.length > 0)
            groups.push({ waiters: group, keys: [...keys] });
        for (const { waiters, keys: batch } of groups) {
            // A send that throws at once fails its waiters like one that rejects.
            Promise.resolve()
                .then(() => this.send(batch))
                .then(answer => {
                for (const waiter of waiters)
                    waiter.resolve(this.pick(answer, waiter.keys));
            }, (error) => {
                for (const waiter of waiters)
                    waiter.reject(error);
            });
        }
    }
}
/**
 * The ECS port of a release of several services: DescribeServiceDeployments of all its
 * deployments is one call per poll (up to 20), DescribeServiceRevisions one call for up to
 * 20 revisions, and DescribeServices one call per cluster (up to 10 services), however many
 * services poll. Every other call goes through as is.
 * Reads made while `wait` runs join one call.
 */
function withBatchedReads(ecs, wait) {
    const deployments = new Batcher(MAX_DEPLOYMENTS_PER_CALL, wait, arns => ecs.describeServiceDeployments({ serviceDeploymentArns: arns }), (answer, arns) => ({
        ...answer,
        serviceDeployments: ofArns(answer.serviceDeployments, arns, d => d.serviceDeploymentArn),
        failures: ofArns(answer.failures, arns, failure => failure.arn)
    }));
    const revisions = new Batcher(MAX_REVISIONS_PER_CALL, wait, arns => ecs.describeServiceRevisions({ serviceRevisionArns: arns }), (answer, arns) => ({
        ...answer,
        serviceRevisions: ofArns(answer.serviceRevisions, arns, r => r.serviceRevisionArn),
        failures: ofArns(answer.failures, arns, failure => failure.arn)
    }));
    const clusters = new Map();
    const services = (cluster) => {
        let batcher = clusters.get(cluster);
        if (!batcher) {
            batcher = new Batcher(MAX_SERVICES_PER_CALL, wait, refs => ecs.describeServices({ cluster, services: refs }), (answer, refs) => ({
                ...answer,
                services: answer.services?.filter(service => refs.some(ref => names(service, ref))),
                failures: answer.failures?.filter(failure => refs.some(ref => failure.arn === ref || failure.arn?.endsWith(`/${ref}`)))
            }));
            clusters.set(cluster, batcher);
        }
        return batcher;
    };
    const batched = Object.create(ecs);
    batched.describeServiceDeployments = input => deployments.read(input.serviceDeploymentArns ?? []);
    batched.describeServiceRevisions = input => revisions.read(input.serviceRevisionArns ?? []);
    batched.describeServices = (input) => 
    // Reads that ask for more than the services (tags) go alone.
    input.include?.length
        ? ecs.describeServices(input)
        : services(input.cluster ?? 'default').read(input.services ?? []);
    return batched;
}
/** The items of a batched answer that one caller asked about, by their ARN. */
function ofArns(items, arns, arnOf) {
    return items?.filter(item => arns.includes(arnOf(item) ?? ''));
}
/** Whether `service` is the one `ref` (a name or an ARN) names. */
function names(service, ref) {
    return ref === service.serviceName || ref === service.serviceArn;
}

;// CONCATENATED MODULE: ./src/model/release-set.ts


/** `gateway \u2192 orders \u2192 payments`; services of another cluster than the entry's as `cluster/service`. */
function defaultReleaseName(targets) {
    const home = shortName(targets[0]?.cluster ?? '');
    return (0,model_format/* plain */.pj)(targets
        .map(({ service, cluster }) => shortName(cluster) === home
        ? shortName(service)
        : `${shortName(cluster)}/${shortName(service)}`)
        .join(' \u2192 '), 200);
}
/** The `services` output: one object per service, in call order. */
function servicesOutput(set) {
    const rows = set.members.map(member => ({
        service: member.service,
        cluster: member.cluster,
        deploymentArn: member.deploymentArn ?? '',
        hookId: awaitingHook(member)?.hookId ?? '',
        stage: member.stage ?? '',
        status: member.status ?? ''
    }));
    return JSON.stringify(rows);
}

;// CONCATENATED MODULE: ./src/report/promotion-route.ts

/** `owner/repo/.github/workflows/deploy.yml@refs/heads/main` \u2192 deploy.yml on main. */
function workflowTarget(workflowRef) {
    const match = /^[^/]+\/[^/]+\/(\.github\/workflows\/[^@]+)@(.*)$/.exec(workflowRef ?? '');
    if (!match?.[1])
        return undefined;
    const path = match[1];
    const ref = /^refs\/(?:heads|tags)\/(.+)$/.exec(match[2] ?? '')?.[1];
    return { path, file: path.split('/').pop() ?? path, ref };
}
/** The inputs of a release-control workflow this action fills in, besides `command`. */
const RELEASE_INPUTS = ['service', 'cluster', 'deployment-arn', 'services'];
/**
 * The route of a service released with others: promote and rollback act on all of them by
 * the `services` input, so a workflow that cannot take it is not offered.
 */
function routeOfSeveral(route, services) {
    const { dispatch, ...rest } = route;
    return { ...rest, ...(dispatch?.inputs.includes('services') && { dispatch }), services };
}
const promotion_route_COMMANDS = ['promote', 'rollback'];
/**
 * The ways to promote or roll back that `facts` show. A workflow that could not be read is
 * taken at its word: the `control-workflow` input, or the inputs of the workflow_dispatch
 * event that started this run.
 */
function findPromotionRoute(facts) {
    const route = {};
    const approval = approvalAfter(facts.deploying, facts.github.job);
    if (approval)
        route.approval = approval;
    const dispatch = controlDispatch(facts) ?? deployingDispatch(facts);
    if (dispatch)
        route.dispatch = dispatch;
    return route;
}
function controlDispatch({ controlWorkflow, control }) {
    if (!controlWorkflow)
        return undefined;
    if (control === undefined) {
        return { file: controlWorkflow, inputs: [...RELEASE_INPUTS], commands: [...promotion_route_COMMANDS] };
    }
    // workflow_dispatch runs the workflow as the default branch has it.
    return dispatchTarget(controlWorkflow, undefined, control);
}
function deployingDispatch({ github, deploying }) {
    const target = workflowTarget(github.workflowRef);
    if (!target)
        return undefined;
    if (deploying !== undefined)
        return dispatchTarget(target.file, target.ref, deploying);
    const given = github.dispatchInputs;
    if (!given?.includes('command'))
        return undefined;
    return {
        file: target.file,
        ref: target.ref,
        inputs: RELEASE_INPUTS.filter(name => given.includes(name)),
        commands: [...promotion_route_COMMANDS]
    };
}
/**
 * How `gh workflow run` can start `workflow` with a `command`: the inputs of ours it
 * declares and the commands its `command` input offers. Undefined when it has no
 * workflow_dispatch trigger or `command` input, or requires an input this action cannot
 * fill in (GitHub would refuse the dispatch).
 */
function dispatchTarget(file, ref, workflow) {
    const inputs = dispatchInputs(workflow);
    const command = inputs?.command;
    if (!inputs || !isPlainObject(command))
        return undefined;
    const options = command.type === 'choice' && Array.isArray(command.options) ? command.options : [];
    const commands = promotion_route_COMMANDS.filter(name => options.length === 0 || options.includes(name));
    const ours = ['command', ...RELEASE_INPUTS];
    const unfillable = Object.entries(inputs).some(([name, input]) => !ours.includes(name) &&
        isPlainObject(input) &&
        input.required === true &&
        input.default === undefined);
    if (commands.length === 0 || unfillable)
        return undefined;
    return { file, ref, inputs: RELEASE_INPUTS.filter(name => name in inputs), commands };
}
/** The inputs of a workflow's workflow_dispatch trigger; undefined without that trigger. */
function dispatchInputs(workflow) {
    const on = isPlainObject(workflow) ? workflow.on : undefined;
    if (on === 'workflow_dispatch' || (Array.isArray(on) && on.includes('workflow_dispatch'))) {
        return {};
    }
    if (!isPlainObject(on) || !('workflow_dispatch' in on))
        return undefined;
    const trigger = on.workflow_dispatch;
    return isPlainObject(trigger) && isPlainObject(trigger.inputs) ? trigger.inputs : {};
}
/**
 * A job of `workflow` that runs after `job` (directly or not), waits for an environment
 * (where required reviewers approve) and promotes: the README's "Deploy on merge, pause,
 * promote after an approval". Its environment's name, unless an expression gives it.
 */
function approvalAfter(workflow, job) {
    const jobs = isPlainObject(workflow) && isPlainObject(workflow.jobs) ? workflow.jobs : {};
    if (!job || !(job in jobs))
        return undefined;
    const needs = (name) => {
        const spec = jobs[name];
        const listed = isPlainObject(spec) ? spec.needs : undefined;
        const all = Array.isArray(listed) ? listed : [listed];
        return all.filter((need) => typeof need === 'string');
    };
    const runsAfter = (name) => {
        const seen = new Set();
        const pending = needs(name);
        for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
            if (next === job)
                return true;
            if (!seen.has(next))
                pending.push(...needs(next));
            seen.add(next);
        }
        return false;
    };
    for (const [name, spec] of Object.entries(jobs)) {
        if (!isPlainObject(spec) || spec.environment === undefined || !promotes(spec))
            continue;
        if (!runsAfter(name))
            continue;
        const environment = isPlainObject(spec.environment) ? spec.environment.name : spec.environment;
        return typeof environment === 'string' && !environment.includes('${{') ? { environment } : {};
    }
    return undefined;
}
/** Whether a job has a step that runs an action with `command: promote`. */
function promotes(job) {
    const steps = Array.isArray(job.steps) ? job.steps : [];
    return steps.some(step => isPlainObject(step) &&
        typeof step.uses === 'string' &&
        isPlainObject(step.with) &&
        step.with.command === 'promote');
}

;// CONCATENATED MODULE: ./src/verdict/release-set.ts


/** The outcome of the whole when its services differ: the first of these that any service has. */
const PRECEDENCE = [
    'failed',
    'timed-out',
    'cancelled',
    'rolled-back',
    'running',
    'handed-off',
    'paused',
    'succeeded'
];
/**
 * Decides the verdict of a release of several services from its services' verdicts
 * (concludeRelease wrote each), records it on the set and returns it. The only writer of
 * the set's verdict. The reason names the service whose failure decided it.
 */
function concludeReleaseSet(set, ending) {
    set.verdict = decideSetVerdict(set, ending);
    return set.verdict;
}
function decideSetVerdict(set, ending) {
    const details = set.members
        .filter(member => member.verdict)
        .map(member => `${releaseSubject(member)}: ${outcomeOf(member).replace('-', ' ')}`);
    if (ending.kind === 'error') {
        return { outcome: ending.cancelled ? 'cancelled' : 'failed', reason: ending.message, details };
    }
    // A rollback step wants every service rolled back: any other outcome decides it.
    const outcomes = set.members
        .map(outcomeOf)
        .filter(outcome => set.command !== 'rollback' || outcome !== 'rolled-back');
    const outcome = outcomes.length === 0 && set.command === 'rollback'
        ? 'rolled-back'
        : (PRECEDENCE.find(candidate => outcomes.includes(candidate)) ?? 'running');
    const failed = set.failedMember ?? set.members.find(member => outcomeOf(member) === outcome);
    if (!failed || !isFailure(set.command, outcome))
        return { outcome, details };
    // A cancelled job is the release's ending, not one service's.
    if (outcome === 'cancelled' && !set.failedMember)
        return { outcome, reason: 'The job was cancelled.', details };
    const others = set.failedMember
        ? ` Every other service of the release was rolled back (${set.members
            .filter(member => member !== failed)
            .map(releaseSubject)
            .join(', ')}).`
        : '';
    return {
        outcome,
        reason: `${releaseSubject(failed)}: ${failed.verdict?.reason ?? `ended ${outcomeOf(failed)}`}${others}`,
        cause: failed.verdict?.cause,
        hint: failed.verdict?.hint,
        details
    };
}
/** Whether the step of a release of several services fails. */
function failsSetStep(set) {
    return isFailure(set.command, set.verdict?.outcome ?? 'running');
}

;// CONCATENATED MODULE: ./src/commands/chain-routes.ts




/**
 * What a full-chain test needs of every service before anything changes (README,
 * "Full-chain gray release"): a test route to its new revision (a Service Connect test
 * traffic rule by header, or ECS's default header on a Service Connect service without one,
 * or a load balancer's test listener rule), one header for all Service Connect services
 * (each hop matches the header the entry received: all the default, or all one rule), and a
 * header name that proxies pass on: nginx drops headers with `_` unless
 * `underscores_in_headers` is on (https://nginx.org/en/docs/http/ngx_http_core_module.html#underscores_in_headers).
 */
function checkChainRoutes(hops) {
    let first;
    for (const hop of hops) {
        // A Service Connect service without a rule of its own takes ECS's default header.
        hop.release.testTraffic ??= defaultTestTrafficRoute((0,ecs_service/* primaryDeployment */.sg)(hop.service)?.serviceConnectConfiguration);
        const route = hop.release.testTraffic;
        const testListener = (hop.service.loadBalancers ?? []).some(balancer => balancer.advancedConfiguration?.testListenerRule);
        if (!route && !testListener) {
            throw new InputError('services', `${releaseSubject(hop.release)} has no test route to its new revision: neither a Service Connect test traffic rule ` +
                '(set test-traffic-header) nor a load balancer test listener rule. A tagged request could not reach it before production.');
        }
        if (!route)
            continue;
        if (route.header.includes('_')) {
            throw new InputError('services', `the test header '${route.header}' of ${releaseSubject(hop.release)} has an underscore: proxies such as nginx drop such headers ` +
                'by default, so it would not reach the next service. Use a name with hyphens (x-canary).');
        }
        first ??= hop;
        const expected = first.release.testTraffic;
        if (expected &&
            (expected.header.toLowerCase() !== route.header.toLowerCase() ||
                expected.value !== route.value)) {
            throw new InputError('services', `${releaseSubject(hop.release)} routes test traffic by '${describeHeader(route)}', ${releaseSubject(first.release)} by ` +
                `'${describeHeader(expected)}': one release needs one test header for all its services (set test-traffic-header for all, ` +
                `or for none: Service Connect then matches ECS's default header ${DEFAULT_TEST_HEADER} everywhere).`);
        }
    }
}

;// CONCATENATED MODULE: ./src/report/continuity.ts
/**
 * Continues the timeline an earlier run of the action reported for this release (the
 * deploy that paused, seen from the promote run), so the reports carry on instead of
 * starting over. A report of another deployment of the service is left alone.
 */
async function continueEarlierReport(reporter, release) {
    continueRecalled(release, await reporter.recall(release));
}
/** Takes over what an earlier run reported of this deployment (its snapshot, snapshot.ts). */
function continueRecalled(release, earlier) {
    if (!earlier || (earlier.deploymentArn && earlier.deploymentArn !== release.deploymentArn))
        return;
    const { stages, hooks, taskDefinition, strategy, startedAt, commit, testTraffic } = earlier;
    if (stages) {
        release.stages = stages;
        release.stage = stages.at(-1)?.stage ?? release.stage;
    }
    if (hooks)
        release.hooks = hooks;
    if (taskDefinition)
        release.taskDefinition = taskDefinition;
    if (strategy)
        release.strategy = strategy;
    if (startedAt)
        release.startedAt = startedAt;
    if (commit)
        release.commit = commit;
    if (testTraffic)
        release.testTraffic = testTraffic;
}

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
    const arn = inputs.deploymentArn ?? (await findCurrentDeployment(ecs, inputs.cluster, inputs.service));
    if (!arn) {
        throw new Error(`Service '${inputs.service}' in cluster '${inputs.cluster}' has no deployment to ${inputs.command}.`);
    }
    const deployment = await describeDeployment(ecs, arn);
    if (!deployment) {
        throw new Error(`ECS does not know deployment ${arn} (ECS keeps deployments for 90 days). Check deployment-arn and the AWS region.`);
    }
    release.deploymentArn = arn;
    ctx.outputs.set('service-deployment-arn', arn);
    return { ecs, deployment };
}
/**
 * `arn:\u2026:service-deployment/<cluster>/<service>/<id>` must name the service the inputs
 * name (each input may be a name or an ARN).
 */
function checkArnMatchesService(arn, cluster, service) {
    const [, arnCluster, arnService] = arn.split(':').pop()?.split('/') ?? [];
    const clusterName = shortName(cluster);
    const serviceName = shortName(service);
    if (arnCluster !== clusterName || arnService !== serviceName) {
        throw new InputError('deployment-arn', `belongs to service '${arnService}' in cluster '${arnCluster}', not to service '${serviceName}' in cluster '${clusterName}'.`);
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
    if ((0,model_stages/* isTerminalStatus */.TQ)(deployment.status) || stopping) {
        throw new Error(`Deployment ${deployment.serviceDeploymentArn} has already ended with status ${deployment.status}` +
            `${deployment.statusReason ? ` (${deployment.statusReason})` : ''}; nothing to ${action}.`);
    }
}
/**
 * The task definition the deployment releases, with its tags. The commit recorded on it
 * when it was registered lets the promote run find the pull request and check run of
 * the original release. Undefined when it cannot be told.
 */
async function deployedTaskDefinition(ecs, deployment) {
    const revisionArn = deployment.targetServiceRevision?.arn;
    if (!revisionArn)
        return undefined;
    try {
        const { serviceRevisions } = await ecs.describeServiceRevisions({
            serviceRevisionArns: [revisionArn]
        });
        const taskDefinition = serviceRevisions?.[0]?.taskDefinition;
        return taskDefinition ? await describeTaskDefinition(ecs, taskDefinition) : undefined;
    }
    catch {
        return undefined;
    }
}
/**
 * What the deployment releases, read back from ECS: the commit recorded on its task
 * definition when it was registered (so the promote run finds the pull request and check
 * run of the original release), and the task definition's secret references, which ECS
 * quotes in the reasons of tasks that fail to fetch them.
 */
async function identifyDeployedRelease(ctx, ecs, release, deployment) {
    const deployed = await deployedTaskDefinition(ecs, deployment);
    for (const value of taskDefinitionSecrets(deployed?.document ?? {}))
        ctx.secrets.add(value);
    release.commit =
        deployed?.tags.find(tag => tag.key === TAG_COMMIT)?.value ??
            ctx.github.pullRequest?.headSha ??
            ctx.github.sha;
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
    const hookId = awaitingPauseHook(deployment);
    if (!hookId) {
        throw new Error(`Deployment ${release.deploymentArn} is not paused: it is at stage ${deployment.lifecycleStage ?? 'none'} ` +
            `with status ${deployment.status}. Nothing was changed; promote once it reports a pause (wait-until: paused).`);
    }
    await identifyDeployedRelease(ctx, ecs, release, deployment);
    await continueEarlierReport(ctx.reporter, release);
    recordDeployment(release, deployment, ctx.clock.now());
    const timeoutMinutes = await promotionTimeout(ctx, ecs, deployment);
    await continueAtPause(ctx, ecs, release, deployment, hookId);
    const events = new ServiceEventStream(ecs, release.cluster, release.service, ctx.clock.now());
    const result = await followDeployment(ctx, ecs, release, {
        until: ctx.inputs.waitUntil,
        ignoreHookIds: [hookId],
        events,
        timeoutMs: timeoutMinutes * 60_000
    });
    await concludeWatch(ctx, ecs, release, result, events, timeoutMinutes);
}
/** Answers CONTINUE at the pause `hookId` that holds the release's deployment. */
async function continueAtPause(ctx, ecs, release, deployment, hookId) {
    const arn = release.deploymentArn ?? '';
    await changeService(ctx, release, 'ContinueServiceDeployment', () => ecs
        .continueServiceDeployment({ serviceDeploymentArn: arn, hookId, action: 'CONTINUE' })
        .catch((error) => {
        throw (0,errors/* deploymentActionError */.eR)(error, 'ContinueServiceDeployment', arn, hookId);
    }));
    ctx.log.info(`Promoted: answered CONTINUE at pause ${hookId} (${deployment.lifecycleStage}).`);
    const resumed = release.hooks.find(hook => hook.hookId === hookId);
    if (resumed)
        Object.assign(resumed, { status: 'SUCCEEDED', updatedAt: ctx.clock.now() });
    void ctx.reporter.publish(release, false);
}
/**
 * The `timeout` input, else enough for the whole deployment of this configuration, which
 * is more than what is left of it after a pause. The service says whether it is behind a
 * Network Load Balancer; without it (it could not be read) that delay is left out.
 */
async function promotionTimeout(ctx, ecs, deployment) {
    if (ctx.inputs.timeout !== undefined)
        return ctx.inputs.timeout;
    const service = await (0,ecs_service/* describeService */.Jv)(ecs, ctx.inputs.cluster, ctx.inputs.service).catch(() => undefined);
    const configuration = deployment.deploymentConfiguration ?? service?.deploymentConfiguration;
    return defaultTimeout(leastDeploymentTime(configuration, service !== undefined && behindNetworkLoadBalancer(service)));
}

;// CONCATENATED MODULE: ./src/commands/post.ts








/** How long the post step waits for a rollback that cancellation started (the runner allows 5 minutes). */
const POST_WAIT_MS = 4 * 60_000;
/**
 * The post step of a cancelled job: follows the rollback that rollback-on-cancel
 * requested (or says where the deployment stands) and reports it in the comment and
 * check run the main step wrote.
 */
async function post(ctx, release) {
    const arn = release.deploymentArn ?? '';
    const rollbackRequested = ctx.readState(STATE.cancelRollback) !== '';
    // Interim reports while the rollback runs keep the check run completed as cancelled.
    concludeRelease(release, { kind: 'job-cancelled', rollbackRequested }, ctx.clock.now());
    const ecs = await ctx.connectEcs();
    release.region = ecs.region;
    const since = ctx.clock.now();
    const deployment = await describeDeployment(ecs, arn);
    if (deployment) {
        await identifyDeployedRelease(ctx, ecs, release, deployment);
        await continueEarlierReport(ctx.reporter, release);
    }
    const result = await followDeployment(ctx, ecs, release, {
        until: rollbackRequested ? { kind: 'complete' } : { kind: 'none' },
        timeoutMs: POST_WAIT_MS,
        first: deployment,
        events: new ServiceEventStream(ecs, release.cluster, release.service, since)
    });
    const where = whereItStands(release);
    if (!rollbackRequested) {
        ctx.log.warning(`The job was cancelled; deployment ${arn} carries on in ECS (${where}).`);
    }
    else if (release.status === 'ROLLBACK_SUCCESSFUL') {
        ctx.log.info(`The job was cancelled and ECS rolled deployment ${arn} back.`);
    }
    else if (release.status === 'SUCCESSFUL' || release.status === 'STOPPED') {
        // ECS may end a requested rollback either way:
        // https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-deployment.html
        ctx.log.warning(`The job was cancelled and a rollback was requested, but ECS ${release.status === 'SUCCESSFUL' ? 'completed' : 'stopped'} deployment ${arn} instead (${release.status}).`);
    }
    else {
        ctx.log.warning(`The job was cancelled and a rollback was requested; deployment ${arn} is at ${where} (${result.kind}).`);
    }
    concludeRelease(release, { kind: 'job-cancelled', rollbackRequested, where }, ctx.clock.now());
    await ctx.reporter.publish(release, true);
}

;// CONCATENATED MODULE: ./src/commands/status.ts





/**
 * `command: status`: shows where the deployment stands in the log and the job summary, and
 * sets the outputs; changes nothing.
 */
async function status_status(ctx, release) {
    const { deployment } = await loadTargetDeployment(ctx, release);
    recordDeployment(release, deployment, ctx.clock.now());
    setDeploymentOutputs(ctx.outputs, release);
    const { log } = ctx;
    log.info(`Deployment ${release.deploymentArn}`);
    log.info(`  status: ${deployment.status ?? 'unknown'}${deployment.statusReason ? ` (${deployment.statusReason})` : ''}`);
    log.info(`  stage: ${deployment.lifecycleStage ?? 'none'}`);
    log.info(`  traffic and tasks: ${formatTraffic(trafficOf(deployment)) || 'not reported'}`);
    log.info(`  strategy: ${deployment.deploymentConfiguration?.strategy ?? 'unknown'}`);
    for (const hook of release.hooks)
        log.info(`  ${formatHook(hook)}`);
    if (deployment.createdAt)
        log.info(`  created: ${deployment.createdAt.toISOString()}`);
    if (deployment.finishedAt)
        log.info(`  finished: ${deployment.finishedAt.toISOString()}`);
    concludeRelease(release, { kind: 'observed', deployment }, ctx.clock.now());
    await ctx.reporter.publish(release, true);
}

;// CONCATENATED MODULE: ./src/commands/release-set.ts



























/** The release and its services' contexts, for a step whose inputs have `services`. */
function newReleaseSet(ctx) {
    const targets = ctx.inputs.services ?? [];
    const pauseAt = holdsAfterProduction(ctx, targets.length)
        ? [...ctx.inputs.pauseAt.filter(stage => stage !== HOLD_STAGE), HOLD_STAGE]
        : ctx.inputs.pauseAt;
    const now = ctx.clock.now();
    const set = {
        name: ctx.inputs.releaseName ?? defaultReleaseName(targets),
        command: ctx.inputs.command,
        members: [],
        github: ctx.github,
        startedAt: now
    };
    // One port for all: its reads of deployments and services are batched across services.
    let ecs;
    const connectEcs = () => (ecs ??= ctx
        .connectEcs()
        .then(port => withBatchedReads(port, () => ctx.clock.sleep(BATCH_WINDOW_MS))));
    // Each service keeps its values for the post step under its own key (STATE.members).
    const saved = JSON.parse(ctx.readState(STATE.members) || '{}');
    // The step's outputs are the release's: a change of any service rewrites `services`, once
    // for the changes made together (one poll answers every service).
    let servicesDue = false;
    const writeServices = () => {
        if (servicesDue)
            return;
        servicesDue = true;
        queueMicrotask(() => {
            servicesDue = false;
            ctx.outputs.set('services', servicesOutput(set));
        });
    };
    // What promote and rollback of this release take: every service with its cluster.
    const promoteWith = JSON.stringify(targets.map(({ service, cluster }) => ({ service, cluster })));
    const members = targets.map(target => {
        const key = `${shortName(target.cluster)}/${shortName(target.service)}`;
        const release = newRelease({
            command: ctx.inputs.command,
            cluster: target.cluster,
            service: target.service,
            github: ctx.github
        }, now);
        set.members.push(release);
        const log = memberLog(ctx.log, shortName(target.service));
        const member = {
            target,
            log,
            release,
            ctx: {
                ...ctx,
                inputs: {
                    ...ctx.inputs,
                    ...target,
                    pauseAt,
                    services: undefined,
                    deploymentArn: undefined
                },
                connectEcs,
                log,
                // Only a change: a poll sets every output of every service.
                outputs: changedOnly(writeServices),
                reporter: memberReporter(ctx.reporter, set, promoteWith),
                saveState: (name, value) => {
                    saved[key] = { ...saved[key], [name]: value };
                    ctx.saveState(STATE.members, JSON.stringify(saved));
                },
                readState: name => saved[key]?.[name] ?? ''
            }
        };
        return member;
    });
    return { set, members };
}
/**
 * Where promote holds each service of a release of several once its production traffic
 * moved, before its bake starts: ECS starts a service's bake right after its own production
 * shift, so without this pause the deepest callee could finish (its old revision gone)
 * while the entry still shifts, and a failure in the entry could no longer take it back.
 * PAUSE is allowed at this stage
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-lifecycle-hooks.html).
 */
const HOLD_STAGE = 'POST_PRODUCTION_TRAFFIC_SHIFT';
/** The pause that holds each service for its chain test (README, "Full-chain gray release"). */
const GATE_STAGE = 'POST_TEST_TRAFFIC_SHIFT';
/** A deploy of several services (and its plan) adds the hold to every service's pauses. */
function holdsAfterProduction(ctx, services) {
    return (ctx.inputs.command === 'deploy' || ctx.inputs.command === 'plan') && services > 1;
}
/** A service's lines in the step's log, each opened by its name; groups belong to the release. */
function memberLog(log, name) {
    const tag = (message) => `[${name}] ${message}`;
    let held;
    const write = (line) => {
        if (held)
            held.push(line);
        else
            line();
    };
    return {
        info: message => write(() => log.info(tag(message))),
        warning: message => write(() => log.warning(tag(message))),
        error: message => write(() => log.error(tag(message))),
        debug: message => write(() => log.debug(tag(message))),
        startGroup: title => write(() => log.info(tag(title))),
        endGroup: () => undefined,
        untrusted: lines => write(() => log.untrusted(lines)),
        hold: () => {
            held ??= [];
        },
        release: () => {
            const lines = held ?? [];
            held = undefined;
            for (const line of lines)
                line();
        }
    };
}
/**
 * Runs `work` for every service at once, so the batched port joins their reads, and
 * settles each. With logs `in call order` (for short work) the log reads as if they had
 * run one after another: each service's lines are held back and written in call order
 * when all are done.
 */
async function settleAtOnce(members, logs, work) {
    const held = logs === 'in call order';
    if (held)
        for (const member of members)
            member.log.hold();
    const outcomes = await Promise.allSettled(members.map((member, index) => work(member, index)));
    if (held)
        for (const member of members)
            member.log.release();
    return outcomes;
}
/** Like settleAtOnce; fails with the first failure in call order, the service named. */
async function atOnce(members, logs, work) {
    const outcomes = await settleAtOnce(members, logs, member => named(member, () => work(member)));
    return outcomes.map(outcome => {
        if (outcome.status === 'rejected')
            throw outcome.reason;
        return outcome.value;
    });
}
/** A service's reports go into the release's one report; the release publishes the final one. */
function memberReporter(reporter, set, services) {
    return {
        recall: () => Promise.resolve(undefined),
        publish: (_release, final) => (final ? Promise.resolve() : reporter.publishSet(set, false)),
        publishSet: () => Promise.resolve(),
        continueSet: () => Promise.resolve(),
        promotionRoute: () => reporter.promotionRoute().then(route => routeOfSeveral(route, services))
    };
}
/** Runs the step's command for every service of the release, then concludes and reports it. */
async function runReleaseSet(ctx, set, members) {
    switch (set.command) {
        case 'deploy':
            await deploySet(ctx, set, members);
            break;
        case 'promote':
            await promoteSet(ctx, set, members);
            break;
        case 'rollback':
            await rollbackSet(ctx, set, members);
            break;
        case 'plan':
            await planSet(ctx, members);
            break;
        default:
            for (const member of members)
                await status_status(member.ctx, member.release);
    }
    concludeReleaseSet(set, { kind: 'members' });
    logSetOutcome(ctx, set);
    ctx.outputs.set('services', servicesOutput(set));
    await ctx.reporter.publishSet(set, true);
}
/**
 * Checks every service (files, containers, strategies, test routes) before the first
 * change to any, registers and starts all deployments, then waits for all.
 */
async function deploySet(ctx, set, members) {
    const plans = await inGroup(ctx.log, `Check ${members.length} services: nothing changes until all pass`, async () => {
        const plans = await atOnce(members, 'in call order', member => planRelease(member.ctx, member.release));
        checkReleaseAsWhole(ctx, members, plans);
        return plans;
    });
    const started = await inGroup(ctx.log, `Start ${members.length} deployments`, () => settleAtOnce(members, 'in call order', (member, index) => startPlannedDeploy(member.ctx, plans[index], member.release)));
    let failed;
    for (const [index, outcome] of started.entries()) {
        const member = members[index];
        if (outcome.status === 'rejected') {
            failed ??= { member, reason: (0,model_format/* errorMessage */.gJ)(outcome.reason) };
        }
        else {
            member.started = outcome.value;
            member.events = outcome.value.events;
            member.timeoutMinutes = outcome.value.timeoutMs / 60_000;
        }
    }
    if (failed) {
        // One service could not start: the ones that did are rolled back before anyone tests them.
        concludeRelease(failed.member.release, { kind: 'error', message: failed.reason, cancelled: ctx.signal.aborted }, ctx.clock.now());
        set.failedMember = failed.member.release;
        const others = members.filter(member => member.started);
        await rollBackAll(ctx, others);
        await concludeAll(others);
        return;
    }
    await followAll(ctx, set, members, member => followStartedDeploy(member.ctx, member.started, member.release));
    await concludeAll(members);
}
/**
 * `command: plan` for a release of several services: each service planned as a release of
 * one (plan.ts), all at once, then the checks of the release as a whole; read-only calls
 * only. A service deploy would refuse refuses the release, as it would refuse the deploy.
 */
async function planSet(ctx, members) {
    const outcomes = await inGroup(ctx.log, `Plan ${members.length} services: nothing changes`, () => settleAtOnce(members, 'in call order', member => plan(member.ctx, member.release)));
    const plans = [];
    for (const [index, outcome] of outcomes.entries()) {
        const member = members[index];
        if (outcome.status === 'fulfilled') {
            plans.push(outcome.value);
        }
        else {
            concludeRelease(member.release, { kind: 'error', message: (0,model_format/* errorMessage */.gJ)(outcome.reason), cancelled: ctx.signal.aborted }, ctx.clock.now());
        }
    }
    if (plans.length === members.length)
        checkReleaseAsWhole(ctx, members, plans);
}
/**
 * The checks of a release of several services as a whole, once each service passed its
 * own (`plans` in call order): every service stops at the test traffic gate, and the
 * Service Connect services share one test header.
 */
function checkReleaseAsWhole(ctx, members, plans) {
    if (holdsAfterProduction(ctx, members.length)) {
        for (const [index, member] of members.entries()) {
            checkGate(member, plans[index]);
        }
    }
    checkChainRoutes(members.map((member, index) => ({
        release: member.release,
        service: plans[index].service
    })));
}
/**
 * Promote moves production traffic callee first from the pause at the test traffic gate,
 * so a deploy of several services must stop there for every service; one that went on
 * would shift production traffic before the chain is tested.
 */
function checkGate(member, deploy) {
    const name = releaseSubject(member.release);
    const gated = deploy.serviceUpdate.hooks.some(hook => hook.targetType === 'PAUSE' &&
        (hook.lifecycleStages ?? []).some(stage => stage === GATE_STAGE));
    if (!gated) {
        throw new InputError('pause-at', `must include ${GATE_STAGE} in a release of several services: ${name} would otherwise shift production traffic before the chain is tested.`);
    }
}
/**
 * Follows every service at once; when one fails (ECS ends its deployment other than
 * SUCCESSFUL) while the others go on, every other service is rolled back.
 */
async function followAll(ctx, set, members, follow) {
    let rollingBack;
    await Promise.all(members.map(async (member) => {
        member.following = follow(member);
        const result = await member.following;
        member.result = result;
        member.following = undefined;
        if (!rollingBack && failedInEcs(result)) {
            set.failedMember = member.release;
            ctx.log.warning(`${releaseSubject(member.release)} ended ${result.deployment.status ?? ''}: rolling back every other service of the release.`);
            rollingBack = rollBackAll(ctx, members.filter(other => other !== member));
        }
    }));
    await rollingBack;
}
function failedInEcs(result) {
    return result.kind === 'finished' && result.deployment.status !== 'SUCCESSFUL';
}
/**
 * Asks ECS to roll back each service still under way, in call order (entry first:
 * nothing new reaches a callee that is already back), then follows each to its end.
 * At a pause the answer is ROLLBACK; otherwise the deployment is stopped with ROLLBACK.
 */
async function rollBackAll(ctx, members) {
    const asked = [];
    for (const member of members) {
        if (member.result?.kind === 'finished')
            continue;
        const { release } = member;
        try {
            const how = await requestRollback(await member.ctx.connectEcs(), {
                serviceDeploymentArn: release.deploymentArn ?? '',
                status: release.status,
                pausedHookId: awaitingHook(release)?.hookId
            });
            release.changedService = true;
            member.rolledBackWithRelease = true;
            member.ctx.log.info(describeRollbackRequest(how, release.stage));
            asked.push(member);
        }
        catch (error) {
            ctx.log.warning(`Could not roll back ${releaseSubject(release)}: ${(0,model_format/* errorMessage */.gJ)(error)}`);
        }
    }
    await Promise.all(asked.map(async (member) => {
        // A wait still under way sees the rollback itself; one that ended at its target follows it anew.
        if (member.following)
            member.result = await member.following;
        if (member.result?.kind === 'finished')
            return;
        member.events ??= await events(member);
        member.timeoutMinutes = ROLLBACK_WAIT_MS / 60_000;
        member.result = await followDeployment(member.ctx, await member.ctx.connectEcs(), member.release, { until: { kind: 'complete' }, events: member.events, timeoutMs: ROLLBACK_WAIT_MS });
    }));
}
/** Each service's verdict, from how its wait ended (concludeWatch, as for a release of one). */
async function concludeAll(members) {
    // A conclusion may wait for a rollback (rollback-on-timeout): its lines come as they happen.
    await atOnce(members.filter(member => !member.release.verdict && member.result), 'as they come', async (member) => concludeWatch(member.ctx, await member.ctx.connectEcs(), member.release, member.result, member.events ?? (await events(member)), member.timeoutMinutes ?? TIMEOUT_MARGIN_MINUTES, member.release.command === 'rollback' || !member.rolledBackWithRelease));
}
/** The service's events from now on, read through the release's port. */
async function events(member) {
    return new ServiceEventStream(await member.ctx.connectEcs(), member.release.cluster, member.release.service, member.ctx.clock.now());
}
/**
 * The deployments a promote, rollback or status acts on: every service's, each checked
 * to be still under way (and, for promote, paused) before anything changes.
 */
async function loadAll(members, action) {
    const deployments = await atOnce(members, 'in call order', async (member) => {
        const { ecs, deployment } = await loadTargetDeployment(member.ctx, member.release);
        await checkStillUnderWay(ecs, member.release, deployment, action);
        if (action === 'promote' && !awaitingPauseHook(deployment)) {
            throw new Error(`deployment ${member.release.deploymentArn} is not paused (stage ${deployment.lifecycleStage ?? 'none'}, status ${deployment.status}). ` +
                'Nothing was changed in any service; promote once all report a pause.');
        }
        await identifyDeployedRelease(member.ctx, ecs, member.release, deployment);
        return deployment;
    });
    return new Map(members.map((member, index) => [member, deployments[index]]));
}
/**
 * The release's comment and check run, and each service's timeline in them, go on where
 * the deploy left them (as a release of one's do: report/continuity.ts); then the
 * deployments as read now.
 */
async function continueReport(ctx, set, deployments) {
    await ctx.reporter.continueSet(set);
    for (const [member, deployment] of deployments)
        recordDeployment(member.release, deployment, member.ctx.clock.now());
    set.startedAt = new Date(Math.min(...set.members.map(member => member.startedAt.getTime())));
}
/**
 * Moves production traffic service by service from the deepest callee to the entry, so no
 * new caller ever reaches an old callee in production: each is continued at its gate and
 * followed until ECS holds it at HOLD_STAGE (production shifted, bake not started) before
 * the next. Once all are held, all are continued at once and bake together; until then
 * every service still has its old revision, so a failure anywhere rolls back all.
 */
async function promoteSet(ctx, set, members) {
    const deployments = await loadAll(members, 'promote');
    await continueReport(ctx, set, deployments);
    const ecs = await members[0].ctx.connectEcs();
    const answered = new Map();
    const held = new Map();
    // Every service's timeout reads its settings: at once, so the batched port joins the reads.
    const timeouts = await Promise.all(members.map(member => promotionTimeout(member.ctx, ecs, deployments.get(member))));
    for (const [index, member] of members.entries())
        member.timeoutMinutes = timeouts[index];
    for (const member of [...members].reverse()) {
        const deployment = deployments.get(member);
        member.events = await events(member);
        if (deployment.lifecycleStage === HOLD_STAGE) {
            // An earlier promote stopped after moving this one: it is held already.
            held.set(member, deployment);
            continue;
        }
        const hookId = awaitingPauseHook(deployment);
        answered.set(member, [hookId]);
        await continueAtPause(member.ctx, ecs, member.release, deployment, hookId);
        member.result = await followDeployment(member.ctx, ecs, member.release, {
            until: { kind: 'paused' },
            ignoreHookIds: [hookId],
            events: member.events,
            timeoutMs: member.timeoutMinutes * 60_000
        });
        const reached = member.result.kind === 'reached' ? member.result.deployment : undefined;
        if (reached?.lifecycleStage !== HOLD_STAGE) {
            await rollBackOthers(ctx, set, members, member, `was not held after its production traffic shift (${member.result.kind}, stage ${member.release.stage ?? 'none'}, ${member.release.status ?? 'unknown'})`);
            return;
        }
        member.ctx.log.info(`Production traffic moved; held at ${HOLD_STAGE} until every service of the release is.`);
        held.set(member, reached);
    }
    // The held services were not watched while the next one shifted: read them again, so one
    // that ECS rolled back meanwhile (its pause timed out, say) still takes the others back.
    // All at once, so the batched port reads them in one call.
    const current = await Promise.all(members.map(member => describeDeployment(ecs, member.release.deploymentArn ?? '')));
    for (const [index, member] of members.entries()) {
        const now = current[index];
        if (now)
            recordDeployment(member.release, now, member.ctx.clock.now());
        if (now && awaitingPauseHook(now, answered.get(member)) && now.lifecycleStage === HOLD_STAGE) {
            held.set(member, now);
            continue;
        }
        member.result = await followDeployment(member.ctx, ecs, member.release, {
            until: { kind: 'complete' },
            events: member.events,
            timeoutMs: ROLLBACK_WAIT_MS
        });
        await rollBackOthers(ctx, set, members, member, `is no longer held at ${HOLD_STAGE} (${member.release.status ?? 'unknown'})`);
        return;
    }
    ctx.log.info(`All ${members.length} services are held at ${HOLD_STAGE}: continuing all to bake together.`);
    await Promise.all(members.map(async (member) => {
        const deployment = held.get(member);
        const hookId = awaitingPauseHook(deployment, answered.get(member));
        answered.set(member, [...(answered.get(member) ?? []), hookId]);
        await continueAtPause(member.ctx, ecs, member.release, deployment, hookId);
    }));
    await followAll(ctx, set, members, member => followDeployment(member.ctx, ecs, member.release, {
        until: member.ctx.inputs.waitUntil,
        ignoreHookIds: answered.get(member) ?? [],
        events: member.events,
        timeoutMs: member.timeoutMinutes * 60_000
    }));
    await concludeAll(members);
}
/**
 * A promote stops when one service leaves (or never reaches) its hold: every other service
 * is rolled back with it, and the release concludes.
 */
async function rollBackOthers(ctx, set, members, member, why) {
    if (member.result && failedInEcs(member.result))
        set.failedMember = member.release;
    ctx.log.warning(`${releaseSubject(member.release)} ${why}: rolling back every other service of the release.`);
    await rollBackAll(ctx, members.filter(other => other !== member));
    await concludeAll(members);
}
/** Rolls every service back, the entry service first, and follows all to their end. */
async function rollbackSet(ctx, set, members) {
    await continueReport(ctx, set, await loadAll(members, 'roll back'));
    await rollBackAll(ctx, members);
    await concludeAll(members);
}
/**
 * The post step of a cancelled job: follows, for every service, the rollback that
 * rollback-on-cancel requested (post.ts), all at once within the runner's allowance, and
 * reports the release.
 */
async function postReleaseSet(ctx, set, members) {
    // Interim reports while the rollbacks run keep the check run completed as cancelled (post.ts).
    concludeReleaseSet(set, { kind: 'error', message: 'The job was cancelled.', cancelled: true });
    const changed = members.filter(member => member.ctx.readState(STATE.deploymentArn) !== '');
    for (const member of changed) {
        member.release.deploymentArn = member.ctx.readState(STATE.deploymentArn);
        member.release.changedService = true;
    }
    await ctx.reporter.continueSet(set);
    await Promise.all(changed.map(member => post(member.ctx, member.release)));
    concludeReleaseSet(set, { kind: 'members' });
    logSetOutcome(ctx, set);
    await ctx.reporter.publishSet(set, true);
}
/** Runs a phase of one service; an error names the service. */
async function named(member, work) {
    try {
        return await work();
    }
    catch (error) {
        throw new Error(`${releaseSubject(member.release)}: ${(0,model_format/* errorMessage */.gJ)(error)}`, { cause: error });
    }
}
const planVerdict = (passes) => passes ? 'deploy would go ahead' : 'deploy would be refused';
function logSetOutcome(ctx, set) {
    const verdict = set.verdict;
    if (!verdict)
        return;
    if (set.command === 'plan') {
        // A plan has no stage or status: what it found is each service's plan.
        ctx.log.info(`Plan of release ${set.name}: ${planVerdict(verdict.outcome === 'succeeded')}.`);
        for (const member of set.members) {
            ctx.log.info(`  ${releaseSubject(member)}: ${planVerdict(outcomeOf(member) === 'succeeded')}`);
        }
        return;
    }
    ctx.log.info(`Release ${set.name}: ${verdict.outcome}.`);
    for (const member of set.members) {
        ctx.log.info(`  ${releaseSubject(member)}: ${outcomeOf(member)} (stage ${member.stage ?? 'none'}, status ${member.status ?? 'unknown'})`);
    }
}

;// CONCATENATED MODULE: ./src/commands/rollback.ts










/**
 * `command: rollback`: a paused deployment is answered ROLLBACK at its pause; one still
 * moving (bake time included) is stopped with ROLLBACK; one ECS is rolling back already is
 * followed. The step succeeds when ECS reports ROLLBACK_SUCCESSFUL; a rollback that ECS
 * resolves otherwise (ROLLBACK_FAILED, or SUCCESSFUL and STOPPED, which ECS may also end a
 * requested rollback with) fails it, saying what happened.
 */
async function rollback(ctx, release) {
    const { ecs, deployment } = await loadTargetDeployment(ctx, release);
    await checkStillUnderWay(ecs, release, deployment, 'roll back');
    await identifyDeployedRelease(ctx, ecs, release, deployment);
    await continueEarlierReport(ctx.reporter, release);
    recordDeployment(release, deployment, ctx.clock.now());
    const changedBefore = release.changedService;
    const how = await changeService(ctx, release, 'the rollback request', () => requestRollback(ecs, {
        serviceDeploymentArn: release.deploymentArn ?? '',
        status: deployment.status,
        pausedHookId: awaitingPauseHook(deployment)
    }));
    if (!sentRollback(how))
        release.changedService = changedBefore;
    ctx.log.info(describeRollbackRequest(how, deployment.lifecycleStage));
    void ctx.reporter.publish(release, false);
    const events = new ServiceEventStream(ecs, release.cluster, release.service, ctx.clock.now());
    // A rollback bakes nothing: the margin alone.
    const timeoutMinutes = ctx.inputs.timeout ?? TIMEOUT_MARGIN_MINUTES;
    const result = await followDeployment(ctx, ecs, release, {
        until: { kind: 'complete' },
        events,
        timeoutMs: timeoutMinutes * 60_000
    });
    await concludeWatch(ctx, ecs, release, result, events, timeoutMinutes);
}

;// CONCATENATED MODULE: ./src/report/github/problems.ts

const CHANNELS = {
    comment: {
        what: 'pull request comment',
        permission: 'pull-requests: write',
        input: 'pr-comment'
    },
    'check-run': { what: 'check run', permission: 'checks: write', input: 'check-run' }
};
function tokenKind(token) {
    if (token.startsWith('ghs_'))
        return 'installation';
    if (token.startsWith('ghp_') || token.startsWith('github_pat_'))
        return 'personal';
    return 'unknown';
}
/** Transient problems get this many tries (one per publish) before the channel is dropped. */
const TRANSIENT_ATTEMPTS = 3;
function classify(error) {
    const failure = error;
    const status = typeof failure?.status === 'number' ? failure.status : undefined;
    const message = (0,model_format/* plain */.pj)(String(failure?.message ?? error), 300);
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
function problemWarning(channel, problem, facts = {}) {
    const { what, permission, input } = CHANNELS[channel];
    const answer = `GitHub answered ${problem.status ?? 'nothing'} (${problem.message})`;
    const grant = `add \`${permission}\` to the job's \`permissions:\` block (or set \`${input}: false\`)`;
    const off = `No more ${what} updates in this run; the job summary still has the report.`;
    // GitHub names the token in its refusals: "\u2026by personal access token", "You must authenticate via a GitHub App".
    const personal = facts.token === 'personal' || /personal access token|GitHub App/i.test(problem.message);
    switch (problem.kind) {
        case 'forbidden': {
            if (personal)
                return `Could not write the ${what}: ${personalAdvice(channel)} ${answer}. ${off}`;
            const readOnly = facts.actor === 'dependabot[bot]'
                ? ' Dependabot runs get a read-only GITHUB_TOKEN, so this is expected here.'
                : ' Pull requests from forks and Dependabot get a read-only GITHUB_TOKEN, so this is expected there.';
            return `Could not write the ${what}: the token lacks \`${permission}\`. ${answer}. To fix it, ${grant}; a GitHub App's token needs that permission in the app's settings.${readOnly} ${off}`;
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
 * What a personal access token needs, which is set where the token is made: the job's
 * `permissions:` block applies to GITHUB_TOKEN only
 * (https://docs.github.com/actions/writing-workflows/choosing-what-your-workflow-does/controlling-permissions-for-github_token).
 * Check runs take a GitHub App's token ("OAuth apps and personal access tokens (classic)
 * cannot use this endpoint": https://docs.github.com/rest/checks/runs#create-a-check-run).
 */
function personalAdvice(channel) {
    if (channel === 'check-run') {
        return 'check runs can only be written with a GitHub App token such as GITHUB_TOKEN, not a personal access token: leave `github-token` at its default for them, or set `check-run: false`.';
    }
    return 'the personal access token may not write pull request comments. Its access is set where it was made, not by the job\'s `permissions:` block: give a fine-grained token the "Pull requests" repository permission (read and write), or a classic token the `repo` scope (`public_repo` for a public repository); or set `pr-comment: false`.';
}
/**
 * Runs a channel's API work: catches every error, warns once per kind of problem, and
 * switches the channel off (at once, or after repeated transient failures).
 */
class ChannelGuard {
    channel;
    log;
    facts;
    on = true;
    warned = new Set();
    transientFailures = 0;
    constructor(channel, log, facts = {}) {
        this.channel = channel;
        this.log = log;
        this.facts = facts;
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
            this.log.warning(problemWarning(this.channel, problem, this.facts));
        }
        if (isTransient(problem)) {
            this.transientFailures += 1;
            if (this.transientFailures < TRANSIENT_ATTEMPTS)
                return;
        }
        this.on = false;
    }
}

;// CONCATENATED MODULE: ./src/report/github/api.ts

/**
 * The GitHub REST calls of the reports, as thin typed wrappers: the repository and commit
 * a report belongs to, its pull request, its check run and its sticky comment.
 */
/**
 * Most pages read of one list (100 items each). A server that keeps answering with a
 * `next` link cannot hold a release up; a list longer than this is read in part.
 */
const api_MAX_PAGES = 20;
/** The items of a list, page by page, up to MAX_PAGES pages. */
async function* firstPages(pages) {
    let read = 0;
    for await (const { data } of pages) {
        yield* data;
        read += 1;
        if (read >= api_MAX_PAGES)
            return;
    }
}
async function collect(items) {
    const all = [];
    for await (const item of items)
        all.push(item);
    return all;
}
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
    if (github.pullRequest && (0,model_format/* isCommitSha */._$)(github.pullRequest.headSha)) {
        return github.pullRequest.headSha;
    }
    if ((0,model_format/* isCommitSha */._$)(commit))
        return commit;
    return (0,model_format/* isCommitSha */._$)(github.sha) ? github.sha : undefined;
}
/**
 * The pull request a release belongs to. pull_request events name it; for push,
 * workflow_dispatch and the rest, it is the open pull request whose head is the
 * deployed commit, else the merged one that brought the commit in (for a commit of the
 * default branch GitHub lists only that one:
 * https://docs.github.com/rest/commits/commits#list-pull-requests-associated-with-a-commit),
 * so deploying on merge still tells the pull request what its release did; else another
 * open one containing it. Pull requests closed without merging are left alone. It reads
 * no `merge_commit_sha`, which API version 2026-03-10 removes.
 */
async function findPullRequest(api, repo, sha, github) {
    if (github.pullRequest)
        return github.pullRequest;
    const pulls = await collect(firstPages(api.paginate.iterator(api.rest.repos.listPullRequestsAssociatedWithCommit, {
        ...repo,
        commit_sha: sha,
        per_page: 100
    })));
    const open = pulls.filter(pull => pull.state === 'open');
    // Exact matches first: an open pull request containing the commit may be an
    // unrelated branch cut after the merge.
    const chosen = open.find(pull => pull.head.sha === sha) ?? pulls.find(pull => pull.merged_at) ?? open[0];
    return chosen && { number: chosen.number, headSha: chosen.head.sha };
}
/**
 * The newest check run named `name` on commit `sha` that `isOurs` recognises: another
 * app's, or a job's own check run of the same name, is left alone.
 */
async function findCheckRun(api, repo, sha, name, isOurs) {
    const runs = await collect(firstPages(api.paginate.iterator(api.rest.checks.listForRef, {
        ...repo,
        ref: sha,
        check_name: name,
        filter: 'all',
        per_page: 100
    })));
    const newest = runs.filter(run => run.name === name && isOurs(run)).sort((a, b) => b.id - a.id)[0];
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
/**
 * Whether GitHub refused to change a check run because another GitHub App created it
 * ("Invalid app_id \u2026 check run can only be modified by the GitHub App that created it"):
 * a deploy run and a promote run with different tokens.
 */
function isAnotherAppsCheckRun(error) {
    const { status, message } = (error ?? {});
    return status === 403 && typeof message === 'string' && /\bapp_id\b/i.test(message);
}
function posted(run) {
    return {
        id: run.id,
        status: run.status,
        conclusion: run.conclusion ?? undefined,
        htmlUrl: run.html_url ?? undefined,
        text: run.output.text ?? undefined
    };
}
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
/** The oldest comment with `marker` by the token's identity, in the first MAX_PAGES pages. */
async function findComment(api, repo, issue, marker, isOurs) {
    const comments = firstPages(api.paginate.iterator(api.rest.issues.listComments, {
        ...repo,
        issue_number: issue,
        per_page: 100
    }));
    for await (const comment of comments) {
        if (comment.body?.includes(marker) && (await isOurs())(comment.user)) {
            return { id: comment.id, body: comment.body };
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

;// CONCATENATED MODULE: ./src/report/github/channels.ts





function tokenFacts(context) {
    return { actor: context.github.actor, token: context.token };
}
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
        this.guard = new ChannelGuard('comment', context.log, tokenFacts(context));
    }
    /** The body of the comment an earlier run left for this release, if any. */
    async recall(release) {
        return this.guard.run(async () => (await this.existing(release))?.body);
    }
    async publish(release) {
        if (!this.guard.enabled)
            return;
        const body = release.comment();
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
                log.info(`No pull request is open with commit ${sha ?? github.sha} or was merged as it: no pull request comment.`);
                this.guard.disable();
            }
        }
        if (this.pullRequest && !this.searched) {
            this.comment = await findComment(api, repo, this.pullRequest.number, release.commentMarker, () => (this.identity ??= tokenIdentity(api)));
            this.searched = true;
        }
        return this.comment;
    }
}
class CheckRunChannel {
    context;
    guard;
    /** The check run this run writes, once chosen. */
    checkRun;
    /** A check run of the release this run cannot change (completed, or another app's); its own replaces and links it. */
    earlier;
    found;
    searched = false;
    /** This run continues an earlier run's report (promote, rollback, the post step). */
    recalled = false;
    published;
    constructor(context) {
        this.context = context;
        this.guard = new ChannelGuard('check-run', context.log, tokenFacts(context));
    }
    /** The details text of the newest check run an earlier run left on the commit, if any. */
    async recall(release) {
        this.recalled = true;
        return this.guard.run(async () => (await this.existing(release))?.text);
    }
    /**
     * Writes the release to its check run. A new deploy takes over a check run an earlier
     * run left unfinished, else starts one; a run that continues a release continues its
     * check run. A completed check run is never sent another status or conclusion: GitHub
     * keeps a completed check run as it ended ("it's not possible to modify its status nor
     * its conclusion further", https://github.community/t/stale-check-runs/120566), so the
     * release's outcome goes to a new check run of the same name, which links the earlier one
     * and is the one the commit shows (the newest of a name and app).
     */
    async publish(release) {
        if (!this.guard.enabled)
            return;
        if (JSON.stringify(this.render(release)) === this.published)
            return;
        await this.guard.run(async () => {
            const sha = this.sha(release);
            if (!sha)
                return;
            this.checkRun ??= await this.continued(release);
            if (this.checkRun && !canShow(this.checkRun, release.checkRunState())) {
                this.replace(this.checkRun);
            }
            const { repo } = this.context;
            const api = await this.context.api();
            let payload = this.render(release);
            if (this.checkRun) {
                try {
                    this.checkRun = await updateCheckRun(api, repo, this.checkRun.id, payload);
                }
                catch (error) {
                    // A deploy and a promote with tokens of different apps: GitHub lets only the
                    // app that created a check run change it.
                    if (!isAnotherAppsCheckRun(error))
                        throw error;
                    this.replace(this.checkRun);
                    payload = this.render(release);
                }
            }
            this.checkRun ??= await createCheckRun(api, repo, sha, payload);
            this.published = JSON.stringify(payload);
        });
    }
    render(release) {
        return release.checkRun(this.earlier);
    }
    /** The check run of an earlier run this run goes on writing, if any. */
    async continued(release) {
        const found = await this.existing(release);
        return found && (found.status !== 'completed' || this.recalled) ? found : undefined;
    }
    replace(checkRun) {
        this.earlier = checkRun;
        this.checkRun = undefined;
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
            const name = release.checkRunName;
            const ours = release.checkRunExternalId;
            this.found = await findCheckRun(await this.context.api(), this.context.repo, sha, name, run => run.external_id === ours);
            this.searched = true;
        }
        return this.found;
    }
}
/** Whether `checkRun` can show `state`: it is not completed, or completed just so. */
function canShow(checkRun, state) {
    if (checkRun.status !== 'completed')
        return true;
    return state.status === 'completed' && state.conclusion === checkRun.conclusion;
}

// EXTERNAL MODULE: ./src/net/proxy.ts
var proxy = __nccwpck_require__(1987);
// EXTERNAL MODULE: ./src/net/user-agent.ts + 1 modules
var user_agent = __nccwpck_require__(3819);
;// CONCATENATED MODULE: ./src/report/github/client.ts


/**
 * The REST API version every request asks for
 * (https://docs.github.com/rest/about-the-rest-api/api-versions): the one every supported
 * GitHub Enterprise Server knows, and that github.com keeps serving until at least March 2028
 * (https://github.blog/changelog/2026-03-12-rest-api-version-2026-03-10-is-now-available).
 * The reports read no field that 2026-03-10 removes, so moving to it is this line only.
 */
const GITHUB_API_VERSION = '2022-11-28';
/**
 * GitHub asks integrations to wait at least a second between writes
 * (https://docs.github.com/rest/using-the-rest-api/best-practices-for-using-the-rest-api#pause-between-mutative-requests).
 */
const WRITE_SPACING_MS = 1000;
/** Rate-limit retries before giving up; the reporter then warns once and stops the channel. */
const RATE_LIMIT_RETRIES = 2;
/** Longest rate-limit wait worth taking: a release must not stall for an hour-long reset. */
const MAX_RATE_LIMIT_WAIT_SECONDS = 60;
const DEFAULT_TIMEOUT_MS = 120_000;
/** Client errors that retrying cannot fix; 429 is left to the throttling plugin. */
const DO_NOT_RETRY = [400, 401, 403, 404, 410, 422, 429, 451];
/**
 * An authenticated Octokit with retries (5xx, twice) and rate-limit handling, on node-fetch
 * over node:http, which the AWS SDK has loaded already (undici, which @actions/github and
 * Node's own fetch use, costs about 20 MiB before its first request). Behind the runner's
 * proxy, node-fetch goes through a proxy agent (net/proxy.ts). Octokit, the plugins and the
 * agent are imported here, on first use, so runs that never reach the API (a validation
 * error, `render`, reports switched off) never pay for loading them.
 */
async function createGitHubClient(token, options) {
    const baseUrl = options.baseUrl || 'https://api.github.com';
    const [{ Octokit }, { restEndpointMethods }, { paginateRest }, { retry }, { throttling }, { default: fetch }, agent] = await Promise.all([
        __nccwpck_require__.e(/* import() */ 730).then(__nccwpck_require__.bind(__nccwpck_require__, 4730)),
        __nccwpck_require__.e(/* import() */ 210).then(__nccwpck_require__.bind(__nccwpck_require__, 9210)),
        __nccwpck_require__.e(/* import() */ 779).then(__nccwpck_require__.bind(__nccwpck_require__, 3779)),
        Promise.all(/* import() */[__nccwpck_require__.e(251), __nccwpck_require__.e(735)]).then(__nccwpck_require__.bind(__nccwpck_require__, 9735)),
        Promise.all(/* import() */[__nccwpck_require__.e(251), __nccwpck_require__.e(856)]).then(__nccwpck_require__.bind(__nccwpck_require__, 6856)),
        __nccwpck_require__.e(/* import() */ 816).then(__nccwpck_require__.bind(__nccwpck_require__, 816)),
        (0,proxy/* proxyAgentFor */.H)(new URL(baseUrl))
    ]);
    const { log } = options;
    const retryAfterBaseValue = options.retryAfterBaseValue ?? 1000;
    const onLimit = (kind) => (retryAfter, request, _octokit, retryCount) => {
        const retrying = retryCount < RATE_LIMIT_RETRIES && retryAfter <= MAX_RATE_LIMIT_WAIT_SECONDS;
        log.debug(`GitHub ${kind} on ${request.method} ${request.url}: ${retrying ? `retrying in ${retryAfter} s` : 'giving up'}.`);
        return retrying;
    };
    const GitHub = Octokit.plugin(restEndpointMethods, paginateRest, retry, throttling);
    const throttle = options.throttle ?? true;
    const send = (url, init) => fetch(url, agent ? { ...init, agent } : init);
    const octokit = new GitHub({
        auth: token,
        baseUrl,
        userAgent: user_agent/* USER_AGENT */._,
        request: { fetch: throttle ? spacedWrites(send, WRITE_SPACING_MS) : send },
        log: {
            debug: () => undefined,
            info: () => undefined,
            warn: (message) => log.debug(message),
            error: (message) => log.debug(message)
        },
        retry: { retries: 2, doNotRetry: DO_NOT_RETRY, retryAfterBaseValue },
        throttle: {
            enabled: throttle,
            retryAfterBaseValue,
            onRateLimit: onLimit('rate limit'),
            onSecondaryRateLimit: onLimit('secondary rate limit')
        }
    });
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    // Registered after the plugins, so it wraps them: one deadline covers every retry.
    // Hooks share one options object (before-after-hook), so the signal is set on it.
    octokit.hook.wrap('request', (request, options) => {
        options.request = { ...options.request, signal: AbortSignal.timeout(timeoutMs) };
        options.headers['x-github-api-version'] ??= GITHUB_API_VERSION;
        return request(options);
    });
    return octokit;
}
/**
 * `send` with every write (any method but GET and HEAD) sent only once the previous write
 * has been answered, and a second later. It sits under the retry and throttling plugins, so
 * it spaces every request they send, retries included: the throttling plugin spaces only the
 * starts of the writes it queues, and sends a retry ahead of its queue.
 */
function spacedWrites(send, spacingMs) {
    let nextWrite = Promise.resolve();
    return (url, init) => {
        const method = (init?.method ?? 'GET').toUpperCase();
        if (method === 'GET' || method === 'HEAD')
            return send(url, init);
        const answered = nextWrite.then(() => send(url, init));
        const pause = () => new Promise(resolve => setTimeout(resolve, spacingMs));
        nextWrite = answered.then(pause, pause);
        return answered;
    };
}

;// CONCATENATED MODULE: ./src/report/render/markdown.ts
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
    overflowNote = '> [!NOTE]\n> Parts of this report were left out to stay within GitHub\u2019s size limit.';
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
    /** Adds lines 0\u2026total-1 (rendered by `line`) under `header` while they fit. */
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
            notes.push(`${bySize} ${noun} left out to stay within GitHub\u2019s size limit.`);
        if (notes.length > 0)
            this.add(`<sub>${notes.join(' ')}</sub>`);
    }
    /**
     * Adds what `fill` builds inside a collapsed `<details>` block, as one block so it is
     * always closed; nothing when `fill` adds nothing. `summary` is the always-visible line:
     * HTML, not Markdown (GitHub reads an HTML block as HTML up to the blank line).
     */
    collapsed(summary, fill) {
        const open = `<details><summary>${summary}</summary>`;
        const close = '</details>';
        const wrapper = byteLength(open) + byteLength(close) + 2 * byteLength(SEPARATOR);
        const inner = new MarkdownBuilder(this.limit - this.used - this.reserve - wrapper);
        fill(inner);
        const content = inner.toString();
        if (content !== '')
            this.add([open, content, close].join(SEPARATOR));
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

;// CONCATENATED MODULE: ./src/report/render/release-view.ts


const OUTCOMES = {
    running: { icon: '\ud83d\udd04', label: 'in progress', settled: false },
    'handed-off': {
        icon: '\u23e9',
        label: 'continuing in ECS (this step stopped following it)',
        settled: true
    },
    paused: { icon: '\u23f8\ufe0f', label: 'awaiting promotion', settled: false },
    succeeded: { icon: '\u2705', label: 'succeeded', settled: true },
    'rolled-back': { icon: '\u21a9\ufe0f', label: 'rolled back', settled: true },
    failed: { icon: '\u274c', label: 'failed', settled: true },
    'timed-out': { icon: '\u23f1\ufe0f', label: 'timed out', settled: true },
    cancelled: { icon: '\ud83d\udeab', label: 'cancelled', settled: true }
};
function outcomeView(release) {
    return outcomeViewOf(outcomeOf(release));
}
function outcomeViewOf(outcome) {
    return OUTCOMES[outcome];
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
    done: '\u2705',
    current: '\ud83d\udd04',
    waiting: '\u23f8\ufe0f',
    pending: '\u26aa',
    failed: '\u274c'
};
const ENDINGS = {
    running: 'Done',
    paused: 'Done',
    'handed-off': 'Not followed further',
    succeeded: 'Done',
    'rolled-back': 'Rolled back',
    failed: 'Failed',
    'timed-out': 'Timed out',
    cancelled: 'Cancelled'
};
/** started \u2192 test traffic \u2192 (approval) \u2192 production \u2192 done / rolled back. */
function phases(release) {
    const outcome = outcomeOf(release);
    const seen = [...release.stages.map(record => record.stage), release.stage];
    const reached = (stage) => seen.some(s => (0,model_stages/* hasReachedStage */.j_)(s, stage));
    const pause = lastPause(release.hooks);
    const steps = [
        { label: 'Started', reached: true },
        { label: 'Test traffic', reached: reached('TEST_TRAFFIC_SHIFT') },
        { label: 'Production traffic', reached: reached('PRODUCTION_TRAFFIC_SHIFT') }
    ];
    if (pause || outcome === 'paused') {
        // The approval sits where its pause hook is: before test traffic, after production, or between.
        const stage = pause?.stage;
        const at = !stage || (0,model_stages/* hasReachedStage */.j_)(stage, 'TEST_TRAFFIC_SHIFT') ? 2 : 1;
        const afterProduction = stage !== undefined && (0,model_stages/* hasReachedStage */.j_)(stage, 'POST_PRODUCTION_TRAFFIC_SHIFT');
        steps.splice(afterProduction ? 3 : at, 0, { label: 'Approval', reached: true, approval: true });
    }
    const view = OUTCOMES[outcome];
    // The step ended on purpose before the deployment did (wait-until none or a stage).
    const handedOff = outcome === 'handed-off';
    steps.push({ label: ENDINGS[outcome], reached: view.settled && !handedOff });
    const last = steps.reduce((found, step, index) => (step.reached ? index : found), 0);
    return steps.map((step, index) => {
        if (step.approval && outcome === 'paused') {
            return { label: 'Awaiting approval', state: 'waiting' };
        }
        if (!step.reached)
            return { label: step.label, state: 'pending' };
        if (index === steps.length - 1) {
            return { label: step.label, state: outcome === 'succeeded' ? 'done' : 'failed' };
        }
        const ongoing = index === last && !view.settled && outcome !== 'paused';
        return { label: step.label, state: ongoing ? 'current' : 'done' };
    });
}
/** Whether a deployment of the release exists: a run that failed before starting one has no phases. */
function hasStarted(release) {
    return release.deploymentArn !== undefined || release.stages.length > 0;
}
/**
 * `\u2705 Started \u2192 \ud83d\udd04 **Test traffic** \u2192 \u26aa Production traffic \u2192 \u26aa Done`; undefined when no
 * deployment started (a refused input), where "\u2705 Started" would say what did not happen.
 */
function phaseLine(release) {
    if (!hasStarted(release))
        return undefined;
    return phases(release)
        .map(phase => {
        const label = phase.state === 'current' || phase.state === 'waiting' ? `**${phase.label}**` : phase.label;
        return `${PHASE_ICONS[phase.state]} ${label}`;
    })
        .join(' \u2192 ');
}
function lastPause(hooks) {
    return hooks.filter(hook => hook.targetType === 'PAUSE').at(-1);
}

;// CONCATENATED MODULE: ./src/report/render/mermaid.ts





/** Gantt charts get unreadable (and slow to render) long before this. */
const MAX_GANTT_TASKS = 60;
/** Axis ticks by the length of the chart: a tick every few of them, never the same label twice. */
const TICKS = [
    [20_000, '2second', '%H:%M:%S'],
    [60_000, '5second', '%H:%M:%S'],
    [5 * 60_000, '30second', '%H:%M:%S'],
    [20 * 60_000, '2minute', '%H:%M'],
    [2 * 3600_000, '10minute', '%H:%M'],
    [12 * 3600_000, '1hour', '%H:%M']
];
/**
 * The lifecycle stages as a Mermaid gantt chart, with the stage a failed release ended in
 * marked critical, the wait for approval at each pause, and the rollback
 * (https://mermaid.js.org/syntax/gantt.html). Task names are reduced to characters Mermaid
 * treats as text and start with their number, so no stage name can read as a keyword
 * (`click`, `section`, \u2026); times are formatted here, never copied. Stages that passed
 * between two polls have no times of their own and are left out.
 */
function timelineGantt(release) {
    const stages = release.stages
        .map((record, index) => ({ record, number: index + 1 }))
        .filter(({ record }) => (0,model_format/* isValidDate */.vd)(record.startedAt) && !record.unobserved)
        .slice(-MAX_GANTT_TASKS);
    if (stages.length === 0)
        return undefined;
    const view = outcomeView(release);
    const outcome = outcomeOf(release);
    const failed = view.settled && outcome !== 'succeeded' && outcome !== 'handed-off';
    const lastEnd = [release.finishedAt, release.updatedAt].find(model_format/* isValidDate */.vd);
    const first = stages[0]?.record.startedAt.getTime() ?? 0;
    const span = Math.max(0, (lastEnd?.getTime() ?? first) - first);
    const [, interval, format] = TICKS.find(([max]) => span <= max) ?? [0, '1day', '%m-%d %H:%M'];
    const lines = [
        'gantt',
        '  dateFormat YYYY-MM-DD HH:mm:ss',
        `  axisFormat ${format}`,
        `  tickInterval ${interval}`,
        '  section Lifecycle stages'
    ];
    const rollbackStart = failed ? release.rollbackStartedAt : undefined;
    stages.forEach(({ record, number }, index) => {
        const isLast = index === stages.length - 1;
        const tag = isLast && failed ? 'crit' : isLast && !view.settled ? 'active' : 'done';
        const start = record.startedAt.getTime();
        // The stage a release failed in ends where its rollback begins.
        const candidates = [
            isLast && (0,model_format/* isValidDate */.vd)(rollbackStart) ? rollbackStart : undefined,
            record.endedAt,
            lastEnd
        ]
            .filter(model_format/* isValidDate */.vd)
            .map(date => date.getTime());
        const step = productionStepLabel(record.stage, record.traffic?.targetProduction, release);
        // `\u2192` and `%` are not Mermaid text: `\u2192 100 %` reads `to 100 pct`.
        const stepText = step?.replace('\u2192 ', 'to ').replace(' %', ' pct');
        const name = mermaidText(`${record.stage}${stepText ? ` (${stepText})` : ''}`) || 'stage';
        lines.push(task(`${number} ${name}`, tag, `s${number}`, start, candidates[0] ?? start));
    });
    const pauses = release.hooks.filter(hook => hook.targetType === 'PAUSE' && (0,model_format/* isValidDate */.vd)(hook.firstSeenAt));
    if (pauses.length > 0)
        lines.push('  section Approval');
    pauses.forEach((hook, index) => {
        const waiting = hook.status === 'AWAITING_ACTION';
        const end = waiting ? lastEnd : hook.updatedAt;
        lines.push(task(waiting ? 'awaiting promotion' : `wait for approval (${mermaidText(hook.status ?? '')})`, waiting ? 'active' : 'done', `a${index + 1}`, hook.firstSeenAt.getTime(), (0,model_format/* isValidDate */.vd)(end) ? end.getTime() : hook.firstSeenAt.getTime()));
    });
    if ((0,model_format/* isValidDate */.vd)(rollbackStart)) {
        const end = (0,model_format/* isValidDate */.vd)(lastEnd) ? lastEnd.getTime() : rollbackStart.getTime();
        lines.push('  section Rollback');
        lines.push(task('rollback to the previous revision', 'crit', 'r1', rollbackStart.getTime(), end));
    }
    return fencedBlock(lines.join('\n'), 'mermaid');
}
/** One task line; Mermaid draws nothing for a zero-length (or negative) task, so it gets a second. */
function task(name, tag, id, start, end) {
    return `  ${name} :${tag}, ${id}, ${ganttTime(start)}, ${ganttTime(Math.max(start + 1000, end))}`;
}
function ganttTime(ms) {
    return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

;// CONCATENATED MODULE: ./src/report/render/failure-evidence.ts






/** Longest log line shown; a stack frame or a JSON log line fits, a megabyte of base64 does not. */
const MAX_LOG_LINE = 300;
const MAX_SUMMARY = 200;
const MAX_NOTE = 500;
/**
 * Under the facts of a failure: for each group of stopped tasks, its tasks and their failed
 * containers' last log lines, collapsed, then where to look next. Log lines are shown in a
 * code block, clipped, without the characters that can disguise text; `maxLines` keeps the
 * last lines of each container only. Adds nothing when the diagnosis read no tasks.
 */
function addFailureEvidence(doc, release, maxLines = Number.POSITIVE_INFINITY) {
    const evidence = release.verdict?.evidence;
    if (!evidence)
        return;
    for (const group of evidence.taskGroups) {
        if (group.tasks.length > 0)
            doc.add(groupBlock(release, group, maxLines));
    }
    const pointers = whereToLook(release);
    if (pointers.length === 0)
        return;
    doc.add('**Where to look next:**');
    doc.addList(pointers, ({ label, url, detail }) => `${escape_link(label, url)}${detail ? `: ${escape_text(detail)}` : ''}`, 'places to look');
}
/** One group, collapsed: `<details>` whose summary names the group. */
function groupBlock(release, group, maxLines) {
    const region = release.region ?? '';
    const parts = group.tasks.flatMap(task => {
        const id = task.taskArn.split('/').pop() ?? task.taskArn;
        const taskLink = escape_link(`task ${id}`, (0,console_links/* taskConsoleUrl */.er)(region, shortName(release.cluster), task.taskArn));
        return task.containers.flatMap(words => containerParts(taskLink, words, maxLines));
    });
    const more = group.count - group.tasks.length;
    if (more > 0)
        parts.push(`<sub>${(0,model_format/* count */.U9)(more, 'more task')} stopped this way.</sub>`);
    const summary = `Logs of the stopped tasks: ${escape_text(group.summary, MAX_SUMMARY)}`;
    return [
        '<details>',
        `<summary>${summary}</summary>`,
        '',
        ...parts.flatMap(part => [part, '']),
        '</details>'
    ].join('\n');
}
function containerParts(taskLink, words, maxLines) {
    const { destination } = words;
    const url = 'group' in destination
        ? (0,console_links/* logConsoleUrl */.xD)(destination.region, destination.group, destination.stream)
        : undefined;
    const where = url ? escape_link(logLocation(destination), url) : escape_text(logLocation(destination));
    const shown = (words.lines ?? []).slice(-maxLines);
    const intro = shown.length
        ? `${taskLink} \u00b7 container ${code(words.container, 100)} \u00b7 last ${(0,model_format/* count */.U9)(shown.length, 'line')} of ${where}`
        : `${taskLink} \u00b7 container ${code(words.container, 100)} \u00b7 ${where}`;
    const lines = shown.map(line => (0,model_format/* clip */.$Q)(line.replace(model_format/* INVISIBLE */.kH, ''), MAX_LOG_LINE));
    return [
        intro,
        ...(words.note ? [multiline(words.note, MAX_NOTE)] : []),
        ...(lines.length ? [fencedBlock(lines.join('\n'), 'text')] : [])
    ];
}

;// CONCATENATED MODULE: ./src/report/render/sections.ts







/**
 * The pieces the job summary, the PR comment and the check run share. Every value from
 * the Release passes through escape.ts here; callers add the blocks to a MarkdownBuilder.
 */
const MAX_ENV_NAMES = 50;
/** `## \u2705 web on prod: succeeded`. */
function headline(release, level) {
    const view = outcomeView(release);
    const { cluster, service } = releaseKey(release);
    return `${'#'.repeat(level)} ${view.icon} ${escape_text(service)} on ${escape_text(cluster)}: ${view.label}`;
}
/** `ECS console: [id](\u2026) \u00b7 Workflow run: [Deploy #12](\u2026)`. */
function linksLine(release) {
    const links = [];
    const consoleLink = consoleUrl(release);
    if (release.deploymentArn) {
        links.push(`ECS console: ${escape_link((0,model_format/* deploymentId */.dP)(release.deploymentArn), consoleLink)}`);
    }
    // GitHub names a run by its workflow and run number (`release #12`); the id is in the link.
    const { workflow, runNumber, runId } = release.github;
    const number = runNumber ? `#${runNumber}` : `run ${runId}`;
    const run = workflow ? `${workflow} ${number}` : number;
    links.push(`Workflow run: ${escape_link(run, runUrl(release.github))}`);
    return links.join(' \u00b7 ');
}
/**
 * The facts of the release as a two-column table headed by its status (a table without a
 * header row is not Markdown, and an empty one shows as an empty band). `brief` leaves out
 * what the comment's headline already says: service, cluster and command.
 */
function overviewTable(release, brief = false) {
    const { cluster, service } = releaseKey(release);
    const rows = [
        ['Status', statusCell(release)],
        ['Service', brief ? undefined : code(service)],
        ['Cluster', brief ? undefined : code(cluster)],
        ['Region', release.region && escape_text(release.region)],
        ['Strategy', release.strategy && escape_text(release.strategy)],
        ['Command', brief ? undefined : escape_text(release.command)],
        ['Commit', release.commit && commitCell(release, release.commit)],
        [
            'Deployment',
            release.deploymentArn && escape_link((0,model_format/* deploymentId */.dP)(release.deploymentArn), consoleUrl(release))
        ],
        ['Started', (0,model_format/* dateTime */.KQ)(release.startedAt)],
        [
            'Finished',
            release.finishedAt &&
                `${(0,model_format/* dateTime */.KQ)(release.finishedAt)} (${(0,model_format/* duration */.p0)(release.startedAt, release.finishedAt)})`
        ],
        [
            'Replaced deployment',
            release.supersededDeploymentArn && code(release.supersededDeploymentArn)
        ],
        ['Replaced by', release.supersededBy && code(release.supersededBy)]
    ];
    const [first = ['Status', model_format/* NONE */.x3], ...rest] = rows.flatMap(([name, value]) => value ? [[name, value]] : []);
    return {
        headers: [`**${first[0]}**`, first[1]],
        items: rest,
        cells: ([name, value]) => [`**${name}**`, value],
        noun: 'facts'
    };
}
function statusCell(release) {
    const view = outcomeView(release);
    const ecs = [release.status, release.stage].filter((v) => !!v).map(v => code(v));
    return `${view.icon} ${view.label}${ecs.length > 0 ? ` (ECS: ${ecs.join(' at ')})` : ''}`;
}
function commitCell(release, commit) {
    if (!(0,model_format/* isCommitSha */._$)(commit))
        return code(commit);
    const { serverUrl, repository } = release.github;
    return escape_link((0,model_format/* shortSha */.Fu)(commit), `${serverUrl}/${repository}/commit/${commit}`);
}
/**
 * Why it failed, what ECS said, what to check, and the facts behind it (a list that
 * shows as many as fit). Adds nothing when nothing went wrong.
 */
function addFailure(doc, release, limits) {
    const { reason, cause, hint, details = [] } = release.verdict ?? {};
    // A cause the diagnosis named restates ECS's reason from the same facts, in more detail.
    const ecsSays = release.statusReason && !cause && !(0,model_format/* alreadySays */.ZD)(reason, release.statusReason);
    const paragraphs = [
        reason && `**Why:** ${multiline(reason, limits.maxText)}`,
        ecsSays && `**ECS says:** ${multiline(release.statusReason ?? '', limits.maxText)}`,
        hint && `**What to check:** ${multiline(hint, limits.maxText)}`
    ].filter((paragraph) => !!paragraph);
    if (paragraphs.length === 0 && details.length === 0)
        return;
    doc.add(limits.heading);
    for (const paragraph of paragraphs)
        doc.add(paragraph);
    doc.addList(details, detail => multiline(detail, limits.maxText), 'details', {
        maxRows: limits.maxDetails,
        elsewhere: limits.elsewhere
    });
    addFailureEvidence(doc, release, limits.maxLogLines);
}
function taskDefinitionIntro(release) {
    const change = release.taskDefinition;
    if (!change || (!change.arn && !change.previousArn))
        return undefined;
    const name = (arn) => (arn ? code((0,model_format/* taskDefinitionName */.ip)(arn)) : model_format/* NONE */.x3);
    // Before registration (a plan, or a deploy refused on the way) the new revision has no ARN yet.
    const next = change.arn ? name(change.arn) : 'a new revision';
    return `Task definition ${name(change.previousArn)} \u2192 ${next}`;
}
/** Fields other than images and environment that differ from the service's task definition. */
function fieldChangesTable(release) {
    const changes = release.taskDefinition?.otherChanges ?? [];
    if (changes.length === 0)
        return undefined;
    const value = (shown) => shown === undefined ? '*changed*' : code(shown, 200);
    return {
        headers: ['Other changed field', 'Before', 'After'],
        items: changes,
        cells: change => [code(change.field, 200), value(change.before), value(change.after)],
        noun: 'fields'
    };
}
/**
 * The service settings the release changes, before \u2192 after, with the input that changes
 * each: they stay after the release, where Terraform, CDK or CloudFormation may own them
 * (README.md, "Beside Terraform, CDK and CloudFormation").
 */
function addSettingChanges(doc, release, heading, verb) {
    const changes = release.settingChanges;
    if (changes === undefined)
        return;
    doc.add(heading);
    if (changes.length === 0) {
        doc.add(`Service settings: none ${verb === 'changes' ? 'changed' : 'would change'}; only the task definition.`);
        return;
    }
    const table = {
        headers: ['Service setting', 'Before', 'After', 'Input'],
        items: changes,
        cells: change => [
            escape_text(change.setting, 100),
            escape_text(change.before, 1000),
            escape_text(change.after, 1000),
            code(change.input, 100)
        ],
        noun: 'settings'
    };
    doc.add(`This release ${verb} service settings, which stay after it:`);
    doc.addTable(table);
}
function containersTable(release) {
    const containers = release.taskDefinition?.containers ?? [];
    if (containers.length === 0)
        return undefined;
    return {
        headers: ['Container', 'Image', 'Changed environment variables'],
        items: containers,
        cells: container => {
            const names = container.changedEnvironment
                .slice(0, MAX_ENV_NAMES)
                .map(name => code(name, 100));
            const more = container.changedEnvironment.length - names.length;
            const { previousImage: before, image: after } = container;
            const images = before && after && before !== after
                ? `${sections_image(before)} \u2192 ${sections_image(after)}`
                : after && before === after
                    ? `${sections_image(after)} (unchanged)`
                    : [before && `${sections_image(before)} \u2192`, after ? sections_image(after) : model_format/* NONE */.x3]
                        .filter(Boolean)
                        .join(' ');
            return [
                code(container.name, 100),
                images,
                names.length === 0 ? model_format/* NONE */.x3 : `${names.join(', ')}${more > 0 ? ` and ${more} more` : ''}`
            ];
        },
        noun: 'containers'
    };
}
/**
 * An image as `\u2026/repository:tag`, with the full reference in its title (shown on hover and
 * kept in the raw Markdown): a registry host in every cell made the tables too wide to read.
 */
function sections_image(reference) {
    const short = (0,model_format/* shortImage */.Uq)(reference);
    if (short === reference)
        return code(reference);
    return `<code title="${attribute(reference, 1000)}">${escape_text(short)}</code>`;
}
function timelineTable(release) {
    return {
        headers: ['#', 'Stage', 'Started (UTC)', 'Took', 'New revision: test / prod', 'New tasks'],
        items: release.stages,
        cells: (record, index) => {
            if (record.unobserved) {
                return [
                    String(index + 1),
                    stageCell(release, record),
                    '*passed, not observed*',
                    model_format/* NONE */.x3,
                    model_format/* NONE */.x3,
                    model_format/* NONE */.x3
                ];
            }
            const traffic = record.traffic;
            const weights = traffic?.targetTest === undefined && traffic?.targetProduction === undefined
                ? model_format/* NONE */.x3
                : `${(0,model_format/* percent */.KN)(traffic.targetTest)} / ${(0,model_format/* percent */.KN)(traffic.targetProduction)}`;
            return [
                String(index + 1),
                stageCell(release, record),
                `${(0,model_format/* time */.kB)(record.startedAt)} (${(0,model_format/* offset */.cY)(release.startedAt, record.startedAt)})`,
                stageDuration(release, record, index),
                weights,
                tasks(release, record, index)
            ];
        },
        noun: 'stages'
    };
}
/** `PRODUCTION_TRAFFIC_SHIFT` with the production step it is, e.g. `canary 10 %`. */
function stageCell(release, record) {
    const step = productionStepLabel(record.stage, record.traffic?.targetProduction, release);
    return `${code(record.stage, 100)}${step ? ` ${step}` : ''}`;
}
function stageDuration(release, record, index) {
    if (record.endedAt)
        return (0,model_format/* duration */.p0)(record.startedAt, record.endedAt);
    const isLast = index === release.stages.length - 1;
    if (isLast && outcomeView(release).settled && release.finishedAt) {
        return (0,model_format/* duration */.p0)(record.startedAt, release.finishedAt);
    }
    // No live counter: a report that changes every poll would be re-sent every poll.
    return isLast ? 'ongoing' : model_format/* NONE */.x3;
}
/** `2/4`, and `\u00b7 3 failed` when tasks of the new revision failed during the stage. */
function tasks(release, record, index) {
    const running = record.traffic?.targetRunning;
    const requested = record.traffic?.targetRequested;
    const counts = running === undefined && requested === undefined
        ? model_format/* NONE */.x3
        : `${running ?? '?'}/${requested ?? '?'}`;
    const failedSoFar = record.traffic?.failedTasks ?? 0;
    const before = release.stages
        .slice(0, index)
        .map(earlier => earlier.traffic?.failedTasks)
        .filter((count) => count !== undefined)
        .at(-1) ?? 0;
    return failedSoFar > before ? `${counts} \u00b7 ${failedSoFar - before} failed` : counts;
}
const HOOK_STATUS_ICONS = {
    SUCCEEDED: '\u2705',
    FAILED: '\u274c',
    TIMED_OUT: '\u23f1\ufe0f',
    AWAITING_ACTION: '\u23f8\ufe0f',
    IN_PROGRESS: '\ud83d\udd04'
};
function hooksTable(release) {
    if (release.hooks.length === 0)
        return undefined;
    return {
        headers: ['Hook', 'Stage', 'Status', 'Expires (UTC)'],
        items: release.hooks,
        cells: hook => [
            hookName(hook),
            hook.stage ? code(hook.stage, 100) : model_format/* NONE */.x3,
            hook.status
                ? `${HOOK_STATUS_ICONS[hook.status] ?? ''} ${escape_text(hook.status, 100)}`.trim()
                : model_format/* NONE */.x3,
            hook.status === 'AWAITING_ACTION' || hook.status === 'IN_PROGRESS'
                ? `${(0,model_format/* dateTime */.KQ)(hook.expiresAt)}${hook.timeoutAction ? `, then ${escape_text(hook.timeoutAction, 100)}` : ''}`
                : model_format/* NONE */.x3
        ],
        noun: 'hooks'
    };
}
/** `Pause`, or `Lambda smoke-test` with the function's ARN in its title. */
function hookName(hook) {
    if (hook.targetType === 'PAUSE')
        return 'Pause';
    const kind = hook.targetType === 'AWS_LAMBDA' || hook.targetType === undefined
        ? 'Lambda'
        : escape_text(hook.targetType, 100);
    if (!hook.targetArn)
        return kind;
    const name = (0,model_format/* functionName */.AQ)(hook.targetArn);
    const target = name === hook.targetArn
        ? code(name)
        : `<code title="${attribute(hook.targetArn, 1000)}">${escape_text(name)}</code>`;
    return `${kind} ${target}`;
}
/** The task definition change: old \u2192 new revision, then the containers (if any). */
function addTaskDefinition(doc, release, heading, limit) {
    const intro = taskDefinitionIntro(release);
    const containers = containersTable(release);
    const fields = fieldChangesTable(release);
    if (!intro && !containers && !fields)
        return;
    doc.add(heading);
    doc.add(intro);
    if (containers)
        doc.addTable(containers, limit);
    if (fields)
        doc.addTable(fields, limit);
}
/** The timeline table under `heading`; nothing when no stage was seen. */
function addTimeline(doc, release, heading, limit) {
    if (release.stages.length === 0)
        return;
    doc.add(heading);
    doc.addTable(timelineTable(release), limit);
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
    return `<sub>${linksLine(release)} \u00b7 ${note}</sub>`;
}

;// CONCATENATED MODULE: ./src/report/render/plan.ts





/**
 * The report of `command: plan`: whether deploy with the same inputs would go ahead, and
 * what it would send (the task definition change, the service settings it would change,
 * the least time it takes). It has a comment and a check run of its own, so a plan on a
 * pull request never overwrites the report of a release.
 */
/** Whether the plan found deploy would go ahead (a failed plan: deploy would be refused). */
function planPasses(release) {
    return outcomeOf(release) === 'succeeded';
}
/** `### \ud83d\udccb Plan for web on prod: deploy would go ahead` (or `\u274c \u2026 deploy would be refused`). */
function planHeadline(release, level) {
    const { cluster, service } = releaseKey(release);
    return planVerdictHeadline(`${escape_text(service)} on ${escape_text(cluster)}`, planPasses(release), level);
}
/** A plan's headline for `subject` (Markdown), by whether deploy would go ahead. */
function planVerdictHeadline(subject, passes, level) {
    const [icon, label] = passes ? ['\ud83d\udccb', 'deploy would go ahead'] : ['\u274c', 'deploy would be refused'];
    return `${'#'.repeat(level)} ${icon} Plan for ${subject}: ${label}`;
}
/** The check run's title: the verdict in a line. */
function planTitle(release) {
    if (!planPasses(release)) {
        return (0,model_format/* plain */.pj)(`deploy would be refused: ${release.verdict?.reason ?? 'see the details'}`, 200);
    }
    const settings = release.settingChanges?.length ?? 0;
    const changes = settings === 0 ? 'no setting changed' : `${settings} service settings changed`;
    const strategy = release.strategy ? `${release.strategy}, ` : '';
    return (0,model_format/* plain */.pj)(`deploy would go ahead: ${strategy}${changes}, at least ${release.plan?.leastTime ?? '?'}`, 200);
}
/** What the task definition would be: a new revision from a file or the service's, or an existing one. */
function sourceLine(release) {
    const source = release.plan?.source;
    if (!source)
        return undefined;
    switch (source.kind) {
        case 'file':
            return `Deploy would register a new revision from ${code(source.path)}.`;
        case 'service':
            return "Deploy would register a new revision from the service's current task definition.";
        case 'revision':
            return 'Deploy would release an existing revision as it is; nothing is registered.';
    }
}
/** The body every plan report shares, below its headline. */
function addPlan(doc, release, level, failure) {
    const heading = (title) => `${'#'.repeat(level)} ${title}`;
    addFailure(doc, release, { ...failure, heading: heading('Why deploy would be refused') });
    const facts = release.plan;
    if (!facts)
        return;
    doc.add(sourceLine(release));
    if (facts.warnings.length > 0) {
        doc.add(heading('Warnings'));
        doc.addList(facts.warnings, warning => multiline(warning, 1000), 'warnings');
    }
    const strategy = release.strategy ? `**Strategy:** ${escape_text(release.strategy)} \u00b7 ` : '';
    doc.add(`${strategy}**Least time the deployment takes:** ${escape_text(facts.leastTime)}; the deploy step would wait up to ${(0,model_format/* minutes */.Gx)(facts.timeoutMinutes)}.`);
    addTaskDefinition(doc, release, heading('Task definition'));
    addSettingChanges(doc, release, heading('Service settings'), 'would change');
    doc.add('<sub>A plan changes nothing in ECS: it makes read-only calls only.</sub>');
}

;// CONCATENATED MODULE: ./src/report/render/test-traffic.ts


/** Endpoints shown; a service with many client aliases gets the first few. */
const MAX_ENDPOINTS = 3;
/**
 * While a release is paused for approval, how to try the new revision: the Service Connect
 * test traffic header and a `curl -H` per endpoint, to run from a task in the namespace.
 * Undefined when the release is not paused or sends no test traffic by header.
 */
function testTrafficBlock(release) {
    const route = release.testTraffic;
    if (!route || outcomeOf(release) !== 'paused')
        return undefined;
    const header = headerMarkdown(route);
    const commands = curlCommands(route);
    const intro = `**Test traffic:** requests with header ${header} reach the new revision` +
        (commands.length > 0 ? '; from a task in the Service Connect namespace:' : '.');
    return commands.length > 0 ? `${intro}\n\n${fencedBlock(commands.join('\n'), 'sh')}` : intro;
}
/**
 * `curl -H 'x-canary: green' http://web.demo.local:80/`, a command per endpoint. For ECS's
 * default header, whose match value is not documented, the value is left for the reader.
 */
function curlCommands(route) {
    const header = `${route.header}: ${route.value ?? '<value>'}`;
    return route.endpoints
        .slice(0, MAX_ENDPOINTS)
        .map(endpoint => `curl -H ${shellWord(header)} ${shellWord(endpoint)}`);
}
/**
 * `<code>x-canary: green</code>`; for ECS's default header, whose match value ECS does not
 * document, the name and a note that the curl examples leave the value to the reader.
 */
function headerMarkdown(route) {
    return route.value === undefined
        ? `${code(route.header)} (ECS's default header; ECS does not document the value it matches, so the examples show ${code('<value>')})`
        : code(`${route.header}: ${route.value}`);
}

;// CONCATENATED MODULE: ./src/report/render/target-groups.ts



/** `orders-green` from `arn:\u2026:targetgroup/orders-green/0a1b2c3d4e5f6092`. */
function targetGroupName(arn) {
    return /:targetgroup\/([^/]+)\//.exec(arn)?.[1] ?? arn;
}
/** Which target group and production listener rule serve each revision, new first. */
function targetGroupsTable(release) {
    const rows = (release.servedBy ?? []).flatMap(revision => revision.loadBalancers.map(loadBalancer => ({ revision, ...loadBalancer })));
    if (rows.length === 0)
        return undefined;
    const region = release.region ?? '';
    return {
        headers: ['Revision', 'Task definition', 'Target group', 'Production listener rule'],
        items: rows,
        cells: ({ revision, targetGroupArn, productionListenerRule }) => [
            `${revision.role === 'new' ? 'New' : 'Old'} ${code(revision.revisionArn.split('/').pop() ?? '', 100)}`,
            revision.taskDefinitionArn ? code((0,model_format/* taskDefinitionName */.ip)(revision.taskDefinitionArn)) : model_format/* NONE */.x3,
            targetGroupArn
                ? escape_link(targetGroupName(targetGroupArn), (0,console_links/* targetGroupConsoleUrl */.Tb)(region, targetGroupArn))
                : model_format/* NONE */.x3,
            productionListenerRule ? code(productionListenerRule.split(':').pop() ?? '') : model_format/* NONE */.x3
        ],
        noun: 'target groups'
    };
}
/**
 * The target groups of the release's revisions under `heading`: ECS swaps the roles of the
 * two target groups of a blue/green load balancer on every deployment, so which one holds
 * which revision is worth saying. Nothing for a service without a load balancer.
 */
function addTargetGroups(doc, release, heading, limit) {
    const table = targetGroupsTable(release);
    if (!table)
        return;
    doc.add(heading);
    doc.add('ECS swaps the roles of the two target groups with every deployment.');
    doc.addTable(table, limit);
}

;// CONCATENATED MODULE: ./src/report/render/job-summary.ts








/** The runner drops a step summary above 1 MiB (and says so with an error annotation). */
const JOB_SUMMARY_LIMIT = 1024 * 1024;
/** Kept free below the limit, for rounding and anything else the step writes. */
const HEADROOM = 32 * 1024;
/** The full report of a release, written once when the step ends. */
function renderJobSummary(release) {
    const doc = new MarkdownBuilder(JOB_SUMMARY_LIMIT - HEADROOM);
    if (release.command === 'plan') {
        doc.add(planHeadline(release, 2));
        doc.add(linksLine(release));
        addPlan(doc, release, 3, { maxText: 4000, maxDetails: 500 });
        return doc.toString();
    }
    doc.add(headline(release, 2));
    doc.add(phaseLine(release));
    doc.add(linksLine(release));
    addFailure(doc, release, { heading: '### What happened', maxText: 4000, maxDetails: 500 });
    doc.add(promotionBlock(release, 3));
    doc.add(testTrafficBlock(release));
    doc.add('### Release');
    doc.addTable(overviewTable(release));
    addTaskDefinition(doc, release, '### Task definition');
    addSettingChanges(doc, release, '### Service settings', 'changes');
    addTargetGroups(doc, release, '### Load balancer');
    if (release.stages.length === 0)
        doc.add('### Timeline\n\nNo lifecycle stage was seen.');
    addTimeline(doc, release, '### Timeline');
    doc.add(timelineGantt(release));
    addHooks(doc, release, '### Lifecycle hooks');
    return doc.toString();
}

;// CONCATENATED MODULE: ./src/report/render/snapshot.ts





/** Longest snapshot comment written or read (a quarter of a PR comment). */
const MAX_SNAPSHOT_LENGTH = 16000;
const VERSION = 'v1';
const FINISHED_HOOK = ['SUCCEEDED', 'FAILED', 'TIMED_OUT'];
const MAX_ITEMS = 500;
/** The most containers, variables, stages or hooks a snapshot keeps (see snapshotComment). */
const MAX_KEEP = 200;
const SHORT = 256;
const LONG = 2048;
function prefix(release) {
    const { cluster, service } = releaseKey(release);
    return `<!-- ecs-bluegreen-action:snapshot cluster=${markerValue(cluster)} service=${markerValue(service)} ${VERSION} `;
}
/**
 * The hidden comment carrying `release`, shortened until it fits in `max` characters; ''
 * if nothing fits. A release of several services carries one per service, each in its share.
 */
function snapshotComment(release, max = MAX_SNAPSHOT_LENGTH) {
    const start = prefix(release);
    const limit = Math.min(max, MAX_SNAPSHOT_LENGTH);
    const whole = serialise(release);
    // A 16 000-character snapshot cannot hold more than about 200 stages or hooks.
    for (const keep of [200, 50, 12, 0]) {
        const json = JSON.stringify(shortened(whole, keep));
        // Base64 writes 4 characters for every 3 bytes: a snapshot too long is never encoded.
        const length = start.length + 4 * Math.ceil(Buffer.byteLength(json, 'utf8') / 3) + 4;
        if (length <= limit)
            return `${start}${Buffer.from(json, 'utf8').toString('base64')} -->`;
    }
    return '';
}
/** The whole snapshot, every container, stage and hook; `shortened` keeps what fits. */
function serialise(release) {
    const s = (value, max = LONG) => value === undefined ? undefined : (0,model_format/* clip */.$Q)(value, max);
    const ms = (date) => (0,model_format/* isValidDate */.vd)(date) ? date.getTime() : undefined;
    const change = release.taskDefinition;
    return {
        strategy: s(release.strategy, SHORT),
        region: s(release.region, SHORT),
        commit: s(release.commit, SHORT),
        deploymentArn: s(release.deploymentArn),
        startedAt: ms(release.startedAt),
        testTraffic: release.testTraffic && {
            header: s(release.testTraffic.header, SHORT),
            value: s(release.testTraffic.value, SHORT),
            endpoints: release.testTraffic.endpoints.slice(0, 20).map(endpoint => s(endpoint))
        },
        taskDefinition: change && {
            arn: s(change.arn),
            previousArn: s(change.previousArn),
            containers: change.containers.slice(0, MAX_KEEP).map(container => ({
                name: s(container.name, SHORT),
                previousImage: s(container.previousImage),
                image: s(container.image),
                changedEnvironment: container.changedEnvironment.slice(0, MAX_KEEP).map(n => s(n, SHORT))
            }))
        },
        stages: release.stages
            .filter(record => (0,model_format/* isValidDate */.vd)(record.startedAt))
            .slice(-MAX_KEEP)
            .map(record => ({
            stage: s(record.stage, SHORT),
            startedAt: ms(record.startedAt),
            endedAt: ms(record.endedAt),
            traffic: record.traffic && validTraffic(record.traffic),
            unobserved: record.unobserved === true ? true : undefined
        })),
        hooks: release.hooks
            .filter(hook => (0,model_format/* isValidDate */.vd)(hook.firstSeenAt))
            .slice(-MAX_KEEP)
            .map(hook => ({
            hookId: s(hook.hookId, SHORT),
            targetType: s(hook.targetType, SHORT),
            targetArn: s(hook.targetArn),
            stage: s(hook.stage, SHORT),
            status: s(hook.status, SHORT),
            expiresAt: ms(hook.expiresAt),
            timeoutAction: s(hook.timeoutAction, SHORT),
            firstSeenAt: ms(hook.firstSeenAt),
            // When a finished hook finished (the end of a wait for approval); it changes no more.
            finishedAt: FINISHED_HOOK.includes(hook.status ?? '') ? ms(hook.updatedAt) : undefined
        }))
    };
}
/** The first `keep` containers and changed variables, the last `keep` stages and hooks. */
function shortened(whole, keep) {
    const last = (items) => (keep === 0 ? [] : items.slice(-keep));
    const change = whole.taskDefinition;
    return {
        ...whole,
        taskDefinition: change && {
            ...change,
            containers: change.containers.slice(0, keep).map(container => ({
                ...container,
                changedEnvironment: container.changedEnvironment.slice(0, keep)
            }))
        },
        stages: last(whole.stages),
        hooks: last(whole.hooks)
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
    return (0,model_format/* isValidDate */.vd)(parsed) ? parsed : malformed();
};
const snapshot_boolean = value => (typeof value === 'boolean' ? value : malformed());
const number = (min, max) => value => typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max
    ? value
    : malformed();
const list = (check) => value => Array.isArray(value) && value.length <= MAX_ITEMS ? value.map(check) : malformed();
const object = (value) => isPlainObject(value) ? value : malformed();
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
        testTraffic: optional(parseTestTraffic)(data.testTraffic),
        stages: list(parseStage)(data.stages),
        hooks: list(snapshot_parseHook)(data.hooks)
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
function parseTestTraffic(value) {
    const data = object(value);
    return {
        header: string(SHORT)(data.header),
        value: optional(string(SHORT))(data.value),
        endpoints: list(string(LONG))(data.endpoints)
    };
}
function parseStage(value) {
    const data = object(value);
    return defined({
        stage: string(SHORT)(data.stage),
        startedAt: date(data.startedAt),
        endedAt: optional(date)(data.endedAt),
        traffic: optional(parseTraffic)(data.traffic),
        unobserved: optional(snapshot_boolean)(data.unobserved)
    });
}
const TRAFFIC_RANGES = {
    targetTest: [0, 100],
    targetProduction: [0, 100],
    sourceTest: [0, 100],
    sourceProduction: [0, 100],
    targetRunning: [0, 1_000_000],
    targetRequested: [0, 1_000_000],
    sourceRunning: [0, 1_000_000],
    sourceRequested: [0, 1_000_000],
    failedTasks: [0, 1_000_000]
};
const TRAFFIC_KEYS = Object.keys(TRAFFIC_RANGES);
/** The weights and counts that are numbers in range; what ECS sent otherwise is not kept. */
function validTraffic(traffic) {
    // A loop, not entries and fromEntries: every stage of every service passes here on
    // every report of a release of several services.
    const valid = {};
    for (const key of TRAFFIC_KEYS) {
        const [min, max] = TRAFFIC_RANGES[key];
        const value = traffic[key];
        if (typeof value === 'number' && value >= min && value <= max)
            valid[key] = value;
    }
    return valid;
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
        targetRequested: field('targetRequested'),
        sourceRunning: field('sourceRunning'),
        sourceRequested: field('sourceRequested'),
        failedTasks: field('failedTasks')
    });
}
function snapshot_parseHook(value) {
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
        updatedAt: optional(date)(data.finishedAt) ?? firstSeenAt
    });
}

;// CONCATENATED MODULE: ./src/report/render/check-run.ts









/** GitHub's limit on each of `output.summary` and `output.text`. */
const CHECK_OUTPUT_LIMIT = 65535;
const MAX_TITLE = 200;
const ELSEWHERE = 'the job summary lists them all';
/** The `check-name` input, else `ecs-bluegreen / <cluster>/<service>`. */
function checkRunName(release, checkName) {
    const { cluster, service } = releaseKey(release);
    const kind = release.command === 'plan' ? 'ecs-bluegreen plan' : 'ecs-bluegreen';
    return (0,model_format/* plain */.pj)(checkName || `${kind} / ${cluster}/${service}`, 255);
}
/**
 * What marks a check run as this action's report of a cluster's service
 * (`external_id`, "a reference for the run on the integrator's system":
 * https://docs.github.com/rest/checks/runs#create-a-check-run). A later run continues only
 * check runs that carry it, so a job's own check run or another app's run of the same name
 * is never taken over.
 */
function checkRunExternalId(release) {
    const { cluster, service } = releaseKey(release);
    // A plan's check run is its own: a release never continues it, nor it a release's.
    const kind = release.command === 'plan' ? 'ecs-bluegreen-action plan' : 'ecs-bluegreen-action';
    return `${kind} cluster=${markerValue(cluster)} service=${markerValue(service)}`;
}
/**
 * running \u2192 in_progress (title: the stage); paused \u2192 in_progress, "awaiting promotion";
 * succeeded \u2192 success; rolled-back, failed, timed-out \u2192 failure; cancelled \u2192 cancelled.
 * A step that stopped following on purpose (wait-until none or a stage) completes as
 * `neutral`: it gives no verdict, and nothing would come back to finish an in_progress one.
 */
function checkRunState(release) {
    return checkRunStateOf(outcomeOf(release));
}
/** The check run state of an outcome, as checkRunState tells it. */
function checkRunStateOf(outcome) {
    switch (outcome) {
        case 'handed-off':
            return { status: 'completed', conclusion: 'neutral' };
        case 'running':
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
function checkRunTitle(release) {
    const stage = currentStage(release);
    const took = (0,model_format/* duration */.p0)(release.startedAt, release.finishedAt);
    const outcome = outcomeOf(release);
    switch (outcome) {
        case 'handed-off':
            return (0,model_format/* plain */.pj)(`stopped following${stage ? ` at ${stage}` : ''}; ECS continues`, MAX_TITLE);
        case 'running': {
            const traffic = release.stages.at(-1)?.traffic;
            const weights = [
                traffic?.targetTest !== undefined ? `test ${(0,model_format/* percent */.KN)(traffic.targetTest)}` : '',
                traffic?.targetProduction !== undefined
                    ? `production ${(0,model_format/* percent */.KN)(traffic.targetProduction)}`
                    : ''
            ].filter(Boolean);
            const shift = weights.length > 0 ? ` (${weights.join(', ')} on the new revision)` : '';
            return (0,model_format/* plain */.pj)(stage ? `${stage}${shift}` : 'starting', MAX_TITLE);
        }
        case 'paused':
            return (0,model_format/* plain */.pj)(`awaiting promotion${stage ? ` at ${stage}` : ''}`, MAX_TITLE);
        case 'succeeded':
            return (0,model_format/* plain */.pj)(`succeeded${release.finishedAt ? ` in ${took}` : ''}`, MAX_TITLE);
        default: {
            const label = {
                'rolled-back': 'rolled back',
                failed: 'failed',
                'timed-out': 'timed out',
                cancelled: 'cancelled'
            }[outcome];
            // The cause alone: the reason it is part of repeats the service and the outcome.
            const why = release.verdict?.cause ?? release.verdict?.reason;
            return (0,model_format/* plain */.pj)(why ? `${label}: ${why}` : label, MAX_TITLE);
        }
    }
}
/**
 * The whole check run for a release: state, title, summary, and details with the snapshot.
 * A check run that replaces an `earlier` one of the release, which GitHub no longer lets
 * change, says so and links it.
 */
function renderCheckRun(release, checkName, earlier) {
    const state = checkRunState(release);
    if (release.command === 'plan')
        return planCheckRun(release, checkName, state);
    const summary = new MarkdownBuilder(CHECK_OUTPUT_LIMIT);
    summary.add(phaseLine(release));
    if (earlier) {
        const ended = earlier.conclusion ? ` (it ended ${code(earlier.conclusion, 40)})` : '';
        summary.add(`This check run carries on from ${escape_link('an earlier one', earlier.htmlUrl)} of this release, which this run cannot change${ended}.`);
    }
    addFailure(summary, release, {
        heading: '### What happened',
        maxText: 1000,
        maxDetails: 20,
        elsewhere: ELSEWHERE,
        maxLogLines: 10
    });
    summary.add(promotionBlock(release, 3));
    summary.addTable(overviewTable(release));
    addTimeline(summary, release, '### Timeline', {
        maxRows: 60,
        keep: 'last',
        elsewhere: ELSEWHERE
    });
    summary.add(footer(release, 'the job summary has the full report'));
    const snapshot = snapshotComment(release);
    const text = new MarkdownBuilder(CHECK_OUTPUT_LIMIT - byteLength(snapshot) - 2);
    addTaskDefinition(text, release, '### Task definition');
    addSettingChanges(text, release, '### Service settings', 'changes');
    addHooks(text, release, '### Lifecycle hooks', { keep: 'last' });
    const completedAt = [release.finishedAt, release.updatedAt].find(model_format/* isValidDate */.vd);
    const detailsUrl = safeUrl(runUrl(release.github));
    return {
        name: checkRunName(release, checkName),
        external_id: checkRunExternalId(release),
        ...state,
        ...((0,model_format/* isValidDate */.vd)(release.startedAt) ? { started_at: release.startedAt.toISOString() } : {}),
        ...(state.status === 'completed' && completedAt
            ? { completed_at: completedAt.toISOString() }
            : {}),
        ...(detailsUrl ? { details_url: detailsUrl } : {}),
        output: {
            title: checkRunTitle(release),
            summary: summary.toString(),
            text: [text.toString(), snapshot].filter(part => part !== '').join('\n\n')
        }
    };
}
/**
 * A plan's check run: success when deploy would go ahead, failure with the reason when it
 * would be refused, so branch protection can require it on pull requests.
 */
function planCheckRun(release, checkName, state) {
    const summary = new MarkdownBuilder(CHECK_OUTPUT_LIMIT);
    addPlan(summary, release, 3, { maxText: 1000, maxDetails: 20, elsewhere: ELSEWHERE });
    summary.add(footer(release, 'the job summary has the full report'));
    const detailsUrl = safeUrl(runUrl(release.github));
    const completedAt = [release.finishedAt, release.updatedAt].find(model_format/* isValidDate */.vd);
    return {
        name: checkRunName(release, checkName),
        external_id: checkRunExternalId(release),
        ...state,
        ...((0,model_format/* isValidDate */.vd)(release.startedAt) ? { started_at: release.startedAt.toISOString() } : {}),
        ...(completedAt ? { completed_at: completedAt.toISOString() } : {}),
        ...(detailsUrl ? { details_url: detailsUrl } : {}),
        output: { title: planTitle(release), summary: summary.toString(), text: '' }
    };
}

;// CONCATENATED MODULE: ./src/report/render/comment.ts










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
    // A plan has a comment of its own: it never overwrites the report of a release.
    const kind = release.command === 'plan' ? 'plan' : 'release';
    return `<!-- ecs-bluegreen-action:${kind} cluster=${markerValue(cluster)} service=${markerValue(service)} -->`;
}
/** The sticky PR comment: where the release stands, and how to promote it when paused. */
function renderComment(release) {
    const marker = commentMarker(release);
    if (release.command === 'plan') {
        const doc = new MarkdownBuilder(COMMENT_LIMIT - byteLength(marker) - 4);
        doc.add(planHeadline(release, 3));
        addPlan(doc, release, 4, { maxText: 1000, maxDetails: 10, elsewhere: comment_ELSEWHERE });
        doc.add(footer(release, 'the job summary has the full report'));
        return [marker, doc.toString()].join('\n\n');
    }
    const snapshot = snapshotComment(release);
    const doc = new MarkdownBuilder(COMMENT_LIMIT - byteLength(marker) - byteLength(snapshot) - 8);
    doc.add(headline(release, 3));
    doc.add(phaseLine(release));
    addFailure(doc, release, {
        heading: '**What happened**',
        maxText: 1000,
        maxDetails: 10,
        elsewhere: comment_ELSEWHERE,
        maxLogLines: 10
    });
    doc.add(promotionBlock(release, 4));
    doc.add(testTrafficBlock(release));
    doc.addTable(overviewTable(release, true));
    addTaskDefinition(doc, release, undefined, { maxRows: 20, elsewhere: comment_ELSEWHERE });
    // The first screen says settings only when the release changed some.
    if (release.settingChanges?.length)
        addSettingChanges(doc, release, undefined, 'changes');
    addTargetGroups(doc, release, '#### Load balancer');
    // The first screen of a pull request's conversation column is kept for the outcome, the
    // call to action and the essentials; the stage-by-stage record is one click away.
    const parts = [
        release.stages.length > 0 && (0,model_format/* count */.U9)(release.stages.length, 'stage'),
        release.hooks.length > 0 && (0,model_format/* count */.U9)(release.hooks.length, 'lifecycle hook')
    ].filter(Boolean);
    doc.collapsed(`Timeline: ${parts.join(', ')}`, details => {
        addTimeline(details, release, '#### Timeline', {
            maxRows: MAX_TIMELINE_ROWS,
            keep: 'last',
            elsewhere: comment_ELSEWHERE
        });
        addHooks(details, release, '#### Lifecycle hooks', {
            maxRows: MAX_HOOK_ROWS,
            keep: 'last',
            elsewhere: comment_ELSEWHERE
        });
    });
    doc.add(footer(release, 'the job summary has the full report'));
    return [marker, doc.toString(), snapshot].filter(part => part !== '').join('\n\n');
}

;// CONCATENATED MODULE: ./src/report/render/report-document.ts


/** The report of a release of one service. */
function releaseDocument(release, checkName) {
    return {
        commit: release.commit,
        commentMarker: commentMarker(release),
        comment: () => renderComment(release),
        checkRunName: checkRunName(release, checkName),
        checkRunExternalId: checkRunExternalId(release),
        checkRunState: () => checkRunState(release),
        checkRun: earlier => renderCheckRun(release, checkName, earlier)
    };
}

;// CONCATENATED MODULE: ./src/report/render/release-set.ts













/**
 * The one report of a release of several services: a row per service, the chain-test
 * instructions while all are paused, and (in the job summary) each service's own report.
 */
function outcome(set) {
    const key = set.verdict?.outcome ?? 'running';
    return { ...outcomeViewOf(key), key };
}
/** `### \u23f8\ufe0f Release gateway \u2192 orders: awaiting promotion`. */
function releaseSetHeadline(set, level) {
    const view = outcome(set);
    return `${'#'.repeat(level)} ${view.icon} Release ${escape_text(set.name)}: ${view.label}`;
}
/** Whether a plan of the release found that deploy would go ahead for every service. */
function release_set_planPasses(set) {
    return set.verdict?.outcome === 'succeeded';
}
/** A row per service in call order: what deploy would do with it, or why it would refuse. */
function planTable(set) {
    return {
        headers: ['#', 'Service', 'Plan'],
        items: set.members,
        noun: 'services',
        cells: (member, index) => [
            String(index + 1) + (index === 0 ? ' (entry)' : ''),
            `${escape_text(shortName(member.service))} on ${escape_text(shortName(member.cluster))}`,
            escape_text(member.verdict ? planTitle(member) : 'not planned', 300)
        ]
    };
}
/** A row per service in call order: where it stands, its traffic and its hooks. */
function servicesTable(set) {
    return {
        headers: ['#', 'Service', 'Outcome', 'Stage', 'Status', 'Traffic on new revision', 'Hooks'],
        items: set.members,
        noun: 'services',
        cells: (member, index) => {
            // The weights last reported: a stage seen between two polls has none of its own.
            const traffic = member.stages.findLast(stage => stage.traffic)?.traffic;
            const weights = [
                traffic?.targetTest !== undefined && `test ${(0,model_format/* percent */.KN)(traffic.targetTest)}`,
                traffic?.targetProduction !== undefined && `production ${(0,model_format/* percent */.KN)(traffic.targetProduction)}`
            ].filter(Boolean);
            const waiting = awaitingHook(member);
            const hooks = member.hooks
                .map(hook => `${hook.targetType ?? 'hook'} ${hook.stage ?? ''} ${hook.status ?? ''}`.trim())
                .join('; ');
            return [
                String(index + 1) + (index === 0 ? ' (entry)' : ''),
                `${escape_text(shortName(member.service))} on ${escape_text(shortName(member.cluster))}`,
                `${outcomeViewOf(outcomeOf(member)).icon} ${outcomeViewOf(outcomeOf(member)).label}`,
                escape_text(currentStage(member) ?? '\u2013'),
                escape_text(member.status ?? '\u2013'),
                weights.join(', ') || '\u2013',
                waiting ? `awaiting ${code(waiting.hookId ?? '?')}` : escape_text(hooks || '\u2013', 200)
            ];
        }
    };
}
/**
 * While every service is paused: how to send a request down the whole chain on the new
 * revisions. ECS routes each hop by the Service Connect test traffic header; each
 * application must pass the header on to the next (README, "Full-chain gray release").
 */
function chainTestBlock(set) {
    if (set.verdict?.outcome !== 'paused')
        return undefined;
    const entry = set.members[0];
    const route = set.members.find(member => member.testTraffic)?.testTraffic;
    if (!entry || !route)
        return undefined;
    const entryRoute = entry.testTraffic;
    const commands = entryRoute ? curlCommands(entryRoute) : [];
    const intro = `**Test the chain:** a request with header ${headerMarkdown(route)} reaches the new revision ` +
        `of every service that is paused at its test traffic gate, as long as each application forwards the header to the services it calls. ` +
        `Requests without it stay on the current revisions.` +
        (commands.length > 0
            ? ` From a task in the Service Connect namespace, enter at ${escape_text(shortName(entry.service))}:`
            : '');
    return commands.length > 0 ? `${intro}\n\n${fencedBlock(commands.join('\n'), 'sh')}` : intro;
}
/**
 * What to do next while paused: promote moves production traffic callee first and all bake
 * together; the ways to run it are those of a release of one (promotion.ts), by `services`.
 */
function promoteBlock(set) {
    const entry = set.members[0];
    if (set.verdict?.outcome !== 'paused' || !entry)
        return undefined;
    return [
        '**Promote** moves production traffic service by service, from the deepest callee to the entry service, ' +
            'holding each after its shift until all have shifted; then all bake together. **Roll back** rolls every ' +
            'service back, the entry service first.',
        ...promotionWays(entry)
    ].join('\n\n');
}
function reasonBlock(set, max) {
    const { verdict } = set;
    if (!verdict?.reason)
        return undefined;
    const details = verdict.details.map(detail => `- ${escape_text(detail, 300)}`).join('\n');
    return [`**What happened:** ${multiline(verdict.reason, max)}`, details]
        .filter(Boolean)
        .join('\n\n');
}
function addSummary(doc, set, level, max) {
    if (set.command === 'plan') {
        doc.add(planVerdictHeadline(`release ${escape_text(set.name)}`, release_set_planPasses(set), level));
        // The table says how each service fared; the reason says what refused the release.
        const reason = set.verdict?.reason;
        if (reason)
            doc.add(`**Why deploy would be refused:** ${multiline(reason, max)}`);
        doc.addTable(planTable(set));
        doc.add('<sub>A plan changes nothing in ECS: it makes read-only calls only.</sub>');
        return;
    }
    doc.add(releaseSetHeadline(set, level));
    doc.add(reasonBlock(set, max));
    doc.add(chainTestBlock(set));
    doc.add(promoteBlock(set));
    doc.addTable(servicesTable(set));
}
/**
 * The hidden first line of the release's sticky comment, by its name. A plan has a comment
 * of its own: it never overwrites the report of a release.
 */
function releaseSetMarker(set) {
    const kind = set.command === 'plan' ? 'plan-set' : 'release-set';
    return `<!-- ecs-bluegreen-action:${kind} name=${markerValue(set.name)} -->`;
}
/**
 * Each service's snapshot (snapshot.ts), for the promote or rollback run that continues
 * the release's report; together they take at most half of `limit`.
 */
function snapshots(set, limit) {
    // Nothing continues a plan.
    if (set.command === 'plan')
        return '';
    const share = Math.floor(limit / 2 / Math.max(set.members.length, 1)) - 1;
    return set.members
        .map(member => snapshotComment(member, share))
        .filter(Boolean)
        .join('\n');
}
/** The comment; `hidden`: the services' snapshots, when the check run's are at hand. */
function renderReleaseSetComment(set, hidden = snapshots(set, COMMENT_LIMIT)) {
    const marker = releaseSetMarker(set);
    const doc = new MarkdownBuilder(COMMENT_LIMIT - byteLength(marker) - byteLength(hidden) - 8);
    addSummary(doc, set, 3, 1000);
    doc.add(set.command === 'plan'
        ? 'The job summary of the run has each service\u2019s full plan.'
        : 'The job summary of the run has each service\u2019s full report.');
    return [marker, doc.toString(), hidden].filter(Boolean).join('\n\n');
}
/** The job summary: the release, then each service's own report. */
function renderReleaseSetSummary(set) {
    const doc = new MarkdownBuilder(JOB_SUMMARY_LIMIT - 32 * 1024);
    addSummary(doc, set, 2, 4000);
    for (const member of set.members) {
        doc.collapsed(`${escape_text(shortName(member.service))}: ${outcomeViewOf(outcomeOf(member)).label}`, details => {
            details.add(renderJobSummary(member));
        });
    }
    return doc.toString();
}
/** The `check-name` input, else `ecs-bluegreen / <release name>` (`ecs-bluegreen plan / \u2026` for a plan). */
function releaseSetCheckName(set, checkName) {
    const kind = set.command === 'plan' ? 'ecs-bluegreen plan' : 'ecs-bluegreen';
    return (checkName || `${kind} / ${set.name}`).slice(0, 255);
}
/** What marks a check run as this action's report of the release (see checkRunExternalId). */
function releaseSetExternalId(set) {
    // A plan's check run is its own: a release never continues it, nor it a release's.
    const kind = set.command === 'plan' ? 'ecs-bluegreen-action plan' : 'ecs-bluegreen-action';
    return `${kind} release=${markerValue(set.name)}`;
}
/** The check run's title: the verdict in a line. */
function releaseSetTitle(set) {
    if (set.command !== 'plan')
        return `${outcome(set).label}: ${set.members.length} services`;
    return release_set_planPasses(set)
        ? `deploy would go ahead: ${set.members.length} services`
        : `deploy would be refused: ${set.verdict?.reason ?? 'see the details'}`;
}
function renderReleaseSetCheckRun(set, checkName, hidden = snapshots(set, CHECK_OUTPUT_LIMIT)) {
    const state = checkRunStateOf(set.verdict?.outcome ?? 'running');
    const summary = new MarkdownBuilder(CHECK_OUTPUT_LIMIT);
    addSummary(summary, set, 3, 1000);
    const detailsUrl = safeUrl(runUrl(set.github));
    const completedAt = set.members
        .map(member => member.finishedAt ?? member.updatedAt)
        .sort((a, b) => b.getTime() - a.getTime())[0];
    return {
        name: releaseSetCheckName(set, checkName),
        external_id: releaseSetExternalId(set),
        ...state,
        started_at: set.startedAt.toISOString(),
        ...(state.status === 'completed' && completedAt
            ? { completed_at: completedAt.toISOString() }
            : {}),
        ...(detailsUrl ? { details_url: detailsUrl } : {}),
        output: {
            title: (0,model_format/* plain */.pj)(releaseSetTitle(set), 200),
            summary: summary.toString(),
            text: hidden
        }
    };
}
/** The release's comment and check run, as the GitHub channels write them. */
function releaseSetDocument(set, checkName) {
    // One set of snapshots for the comment and the check run of a report: each service's is
    // serialised once, within the smaller of the two limits.
    let carried;
    const hidden = () => (carried ??= snapshots(set, Math.min(COMMENT_LIMIT, CHECK_OUTPUT_LIMIT)));
    return {
        commit: set.members[0]?.commit,
        commentMarker: releaseSetMarker(set),
        comment: () => renderReleaseSetComment(set, hidden()),
        checkRunName: releaseSetCheckName(set, checkName),
        checkRunExternalId: releaseSetExternalId(set),
        checkRunState: () => checkRunStateOf(set.verdict?.outcome ?? 'running'),
        checkRun: () => renderReleaseSetCheckRun(set, checkName, hidden())
    };
}

;// CONCATENATED MODULE: ./src/report/github/workflow-files.ts
/**
 * The text of `.github/workflows/<file>` at `ref` (the default branch when absent), or
 * undefined when it is not a file there. Needs `contents: read`
 * (https://docs.github.com/rest/repos/contents#get-repository-content).
 */
async function readWorkflowFile(api, repo, file, ref) {
    const { data } = await api.rest.repos.getContent({
        ...repo,
        path: `.github/workflows/${file}`,
        ...(ref ? { ref } : {})
    });
    if (Array.isArray(data) || data.type !== 'file' || !('content' in data))
        return undefined;
    return Buffer.from(data.content, 'base64').toString('utf8');
}

;// CONCATENATED MODULE: ./src/report/github/reporter.ts














/**
 * Reports a release to the job summary, one sticky PR comment and one check run; the
 * comment and the check run only once the release changed the service. Calls are
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
    route;
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
            const context = {
                api: () => this.api(),
                repo,
                github: settings.github,
                log,
                token: tokenKind(settings.token)
            };
            if (settings.prComment)
                this.comments = new CommentChannel(context);
            if (settings.checkRun)
                this.checks = new CheckRunChannel(context);
        }
    }
    recall(release) {
        return this.serialise('recall the earlier report', async () => {
            const document = releaseDocument(release, this.settings.checkName);
            const texts = [await this.checks?.recall(document), await this.comments?.recall(document)];
            return longestSnapshot(texts, release);
        });
    }
    /** Publishes the report of a release of one service (see publishReport). */
    publish(release, final) {
        const { secrets, checkName } = this.settings;
        return this.publishReport(final, () => {
            const shown = secrets ? withSecretsHidden(release, secrets) : release;
            return {
                // A plan changes nothing, and reports anyway: its check run is what a pull request requires.
                reported: release.changedService || release.command === 'plan',
                document: () => releaseDocument(shown, checkName),
                summary: () => renderJobSummary(shown)
            };
        });
    }
    /** Takes up the release's comment and check run, and each service's timeline from them. */
    async continueSet(set) {
        await this.serialise('recall the earlier report', async () => {
            const document = releaseSetDocument(set, this.settings.checkName);
            const texts = [await this.checks?.recall(document), await this.comments?.recall(document)];
            for (const member of set.members)
                continueRecalled(member, longestSnapshot(texts, member));
        });
    }
    /** Like publish, for a release of several services: one comment, one check run, one summary. */
    publishSet(set, final) {
        const { secrets, checkName } = this.settings;
        return this.publishReport(final, () => {
            const shown = secrets ? releaseSetWithSecretsHidden(set, secrets) : set;
            return {
                reported: set.members.some(member => member.changedService) || set.command === 'plan',
                document: () => releaseSetDocument(shown, checkName),
                summary: () => renderReleaseSetSummary(shown)
            };
        });
    }
    /**
     * Interim publishes coalesce: while one waits for its turn, later calls join it, and it
     * renders the release as it stands when its turn comes (`report` reads it then). GitHub
     * asks integrations to space writes a second apart, so callers should not wait for
     * interim publishes.
     */
    publishReport(final, report) {
        // With neither a comment nor a check run, only the final job summary is written.
        if (!final && !this.comments && !this.checks)
            return Promise.resolve();
        if (!final && this.waiting)
            return this.waiting;
        const published = this.serialise('report the release', async () => {
            if (!final)
                this.waiting = undefined;
            const { reported, document, summary } = report();
            if (!final && !reported)
                return;
            if (reported && (this.comments || this.checks)) {
                const rendered = document();
                await this.comments?.publish(rendered);
                await this.checks?.publish(rendered);
            }
            else if (final && !reported && (this.comments || this.checks)) {
                this.log.info('This run changed nothing in ECS: the pull request comment and the check run are left as they were.');
            }
            if (final && this.settings.jobSummary) {
                await this.guarded('write the job summary', () => this.writeSummary(summary()));
            }
        }).then(() => undefined);
        if (!final)
            this.waiting = published;
        return published;
    }
    /**
     * Reads the deploying workflow (at the run's commit) and the control workflow (on the
     * default branch) when the token may, and finds the ways they offer. Once per run.
     */
    promotionRoute() {
        this.route ??= this.serialise('find how to promote the release', async () => {
            const { github, controlWorkflow } = this.settings;
            const deploying = workflowTarget(github.workflowRef);
            const facts = {
                github,
                controlWorkflow,
                deploying: deploying && (await this.workflow(deploying.file, github.workflowSha)),
                control: controlWorkflow && (await this.workflow(controlWorkflow))
            };
            const route = findPromotionRoute(facts);
            if (controlWorkflow &&
                facts.control !== undefined &&
                route.dispatch?.file !== controlWorkflow) {
                this.log.warning(`control-workflow ${controlWorkflow} has no workflow_dispatch trigger with a command input this action can fill in, so the report does not offer it.`);
            }
            return route;
        }).then(route => route ?? {});
        return this.route;
    }
    /**
     * A workflow's definition, parsed (null when it is not valid YAML); undefined when it
     * cannot be read: no token, no `contents: read`, no such file.
     */
    async workflow(file, ref) {
        const repo = repoRef(this.settings.github);
        if (!this.settings.token || !repo)
            return undefined;
        let text;
        try {
            text = await readWorkflowFile(await this.api(), repo, file, ref);
        }
        catch (error) {
            this.log.debug(`Could not read workflow ${file}: ${(0,model_format/* plain */.pj)((0,model_format/* errorMessage */.gJ)(error), 300)}`);
            return undefined;
        }
        if (text === undefined)
            return undefined;
        await loadStructuredTextParser();
        try {
            return parseStructuredText(text);
        }
        catch {
            return null;
        }
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
                this.log.warning(`Could not ${what}: ${(0,model_format/* plain */.pj)((0,model_format/* errorMessage */.gJ)(error), 500)}`);
            }
            return undefined;
        }
    }
}
/**
 * The release's snapshot in the check run and comment texts. Both copies are written
 * together; if one missed an update, the longer timeline wins.
 */
function longestSnapshot(texts, release) {
    const found = texts.flatMap(text => readSnapshot(text, release) ?? []);
    const size = (snapshot) => snapshot.stages.length + snapshot.hooks.length;
    return found.sort((a, b) => size(b) - size(a))[0];
}

;// CONCATENATED MODULE: ./src/report/reporter.ts
/** For `render` and `status`, which report nothing. */
const silentReporter = {
    recall: () => Promise.resolve(undefined),
    publish: () => Promise.resolve(),
    publishSet: () => Promise.resolve(),
    continueSet: () => Promise.resolve(),
    promotionRoute: () => Promise.resolve({})
};

;// CONCATENATED MODULE: ./src/report/summary-reporter.ts




/**
 * For `status`, which changes nothing: the job summary only, written when the step ends
 * (a `workflow_dispatch` status run is read on its run page). The pull request comment
 * and the check run belong to the runs that change the service.
 */
function summaryReporter(write, log, secrets) {
    return {
        recall: () => Promise.resolve(undefined),
        publish: async (release, final) => {
            if (!final)
                return;
            try {
                await write(renderJobSummary(secrets ? withSecretsHidden(release, secrets) : release));
            }
            catch (error) {
                log.warning(`Could not write the job summary: ${(0,model_format/* plain */.pj)((0,model_format/* errorMessage */.gJ)(error), 500)}`);
            }
        },
        publishSet: async (set, final) => {
            if (!final)
                return;
            try {
                await write(renderReleaseSetSummary(secrets ? releaseSetWithSecretsHidden(set, secrets) : set));
            }
            catch (error) {
                log.warning(`Could not write the job summary: ${(0,model_format/* plain */.pj)((0,model_format/* errorMessage */.gJ)(error), 500)}`);
            }
        },
        continueSet: () => Promise.resolve(),
        promotionRoute: () => Promise.resolve({})
    };
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(3024);
;// CONCATENATED MODULE: ./src/action/github-run.ts

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
        runNumber: env.GITHUB_RUN_NUMBER || undefined,
        runAttempt: env.GITHUB_RUN_ATTEMPT || undefined,
        workflow: env.GITHUB_WORKFLOW || undefined,
        workflowRef: env.GITHUB_WORKFLOW_REF || undefined,
        workflowSha: env.GITHUB_WORKFLOW_SHA || undefined,
        job: env.GITHUB_JOB || undefined,
        eventName: env.GITHUB_EVENT_NAME || '',
        sha: env.GITHUB_SHA || '',
        ref: env.GITHUB_REF || undefined,
        actor: env.GITHUB_ACTOR || undefined
    };
    if (typeof pullRequest?.number === 'number' && typeof pullRequest.head?.sha === 'string') {
        run.pullRequest = { number: pullRequest.number, headSha: pullRequest.head.sha };
    }
    const inputs = payload?.inputs;
    if (run.eventName === 'workflow_dispatch' && typeof inputs === 'object' && inputs !== null) {
        run.dispatchInputs = Object.keys(inputs);
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

;// CONCATENATED MODULE: ./src/action/workflow-commands.ts




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
    process.stdout.write(external_node_os_.EOL);
    issueCommand('set-output', { name }, value);
}
/** core.setFailed: the step fails (exit code 1) with an error annotation. */
function setFailed(message) {
    process.exitCode = 1;
    error(message);
}
function info(message) {
    process.stdout.write(message + external_node_os_.EOL);
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
/** core.setSecret: the runner masks the value in the log from here on. */
function setSecret(secret) {
    issueCommand('add-mask', {}, secret);
}
function startGroup(title) {
    issueCommand('group', {}, title);
}
function endGroup() {
    issueCommand('endgroup', {}, '');
}
/**
 * Prints text from outside the action (a container's log) with workflow commands stopped, so
 * that no line of it acts as one: the runner finds `::` commands at a line's start and legacy
 * `##[` ones anywhere in it
 * (https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands#stopping-and-starting-workflow-commands).
 */
function untrusted(lines) {
    if (lines.length === 0)
        return;
    const token = (0,external_node_crypto_.randomUUID)();
    issueCommand('stop-commands', {}, token);
    for (const line of lines)
        info(line);
    issueCommand(token, {}, '');
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
        await (0,promises_.access)(path, external_node_fs_.constants.R_OK | external_node_fs_.constants.W_OK);
    }
    catch {
        throw new Error(`Unable to access summary file: '${path}'. Check if the file has correct read/write permissions.`);
    }
    await (0,promises_.writeFile)(path, markdown, { encoding: 'utf8' });
}
/** `::name key=value,\u2026::message`, with the runner's escapes (command.js). */
function issueCommand(command, properties, message) {
    const pairs = Object.entries(properties)
        .filter(([, value]) => value)
        .map(([key, value]) => `${key}=${escapeProperty(value)}`);
    // As command.js: the space follows the name whenever properties are given, even all empty.
    const head = Object.keys(properties).length > 0 ? `${command} ${pairs.join(',')}` : command;
    process.stdout.write(`::${head}::${escapeData(message)}${external_node_os_.EOL}`);
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
    if (!(0,external_node_fs_.existsSync)(path))
        throw new Error(`Missing file at path: ${path}`);
    (0,external_node_fs_.appendFileSync)(path, `${message}${external_node_os_.EOL}`, { encoding: 'utf8' });
}
/** `name<<delimiter` heredoc with a random delimiter the value cannot contain (file-command.js). */
function keyValueMessage(name, value) {
    const delimiter = `ghadelimiter_${(0,external_node_crypto_.randomUUID)()}`;
    if (name.includes(delimiter)) {
        throw new Error(`Unexpected input: name should not contain the delimiter "${delimiter}"`);
    }
    if (value.includes(delimiter)) {
        throw new Error(`Unexpected input: value should not contain the delimiter "${delimiter}"`);
    }
    return `${name}<<${delimiter}${external_node_os_.EOL}${value}${external_node_os_.EOL}${delimiter}`;
}

;// CONCATENATED MODULE: ./src/action/main.ts

























/** What run() does for each command, once the inputs are valid. */
const commands = {
    deploy: deploy,
    plan: plan,
    promote: promote,
    rollback: rollback,
    status: status_status,
    render: render
};
const actionsLog = {
    info: message => info(message),
    warning: message => warning(message),
    error: message => error(message),
    debug: message => debug(message),
    startGroup: title => startGroup(title),
    endGroup: () => endGroup(),
    untrusted: lines => untrusted(lines)
};
/**
 * The action's entry: one bundle serves both steps of action.yml, and the post step sees
 * the state the main step saved. Whatever throws ends in an annotation, not a stack trace:
 * the main step fails, the post step only warns (it never fails the job).
 */
async function main() {
    const isPost = getState('isPost') === 'true';
    try {
        if (isPost) {
            await runPost();
        }
        else {
            saveState('isPost', 'true');
            await run();
        }
    }
    catch (error) {
        if (isPost)
            warning(`Post step: ${(0,model_format/* errorMessage */.gJ)(error)}`);
        else
            setFailed((0,model_format/* errorMessage */.gJ)(error));
    }
}
/**
 * The run's secrets, registered with the runner before anything can print them: the
 * token and the AWS credentials, whichever step or secret set them.
 */
function runSecrets(env = process.env) {
    const secrets = new Secrets(value => setSecret(value));
    secrets.add(getInput('github-token'));
    for (const name of AWS_CREDENTIAL_VARIABLES)
        secrets.add(env[name]);
    return secrets;
}
/** The main step: validate every input, run the command, fail the step when the release failed. */
async function run() {
    const secrets = runSecrets();
    let inputs;
    try {
        inputs = await readStepInputs();
    }
    catch (error) {
        setFailed((0,model_format/* errorMessage */.gJ)(error));
        return;
    }
    const abort = new AbortController();
    const ctx = createContext(inputs, abort.signal, secrets);
    if (inputs.services) {
        await runReleaseSetStep(ctx, abort);
        return;
    }
    const release = newRelease({
        command: inputs.command,
        cluster: inputs.cluster,
        service: inputs.service,
        github: ctx.github
    }, ctx.clock.now());
    const cancelling = onCancel(ctx, [{ ctx, release }], abort);
    try {
        await commands[inputs.command](ctx, release);
    }
    catch (error) {
        concludeRelease(release, { kind: 'error', message: (0,model_format/* errorMessage */.gJ)(error), cancelled: abort.signal.aborted }, ctx.clock.now());
        await ctx.reporter.publish(release, true);
    }
    finally {
        await cancelling();
    }
    const verdict = release.verdict;
    if (failsStep(release)) {
        setFailed(verdict?.reason ?? `The release ended ${verdict?.outcome ?? 'without a verdict'}.`);
        // Right under the error annotation, where the eye lands.
        if (verdict?.hint)
            info(`What to check: ${verdict.hint}`);
    }
}
/**
 * On the runner's cancel signals (SIGINT, then SIGTERM), stops the wait and, with
 * rollback-on-cancel, rolls back these releases (commands/cancel.ts); returns the cancel
 * under way, if any, for the step to wait for.
 */
function onCancel(ctx, releases, abort) {
    let cancelling;
    const onSignal = (signal) => {
        cancelling ??= cancelRelease(ctx, releases, abort, signal).catch((error) => {
            warning(`Could not roll back on cancel: ${(0,model_format/* errorMessage */.gJ)(error)}`);
        });
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    return () => cancelling;
}
/**
 * The main step of a release of several services (the `services` input): as run(), with
 * one verdict and one report for the release (commands/release-set.ts).
 */
async function runReleaseSetStep(ctx, abort) {
    const { set, members } = newReleaseSet(ctx);
    const cancelling = onCancel(ctx, members, abort);
    try {
        await runReleaseSet(ctx, set, members);
    }
    catch (error) {
        concludeReleaseSet(set, {
            kind: 'error',
            message: (0,model_format/* errorMessage */.gJ)(error),
            cancelled: abort.signal.aborted
        });
        ctx.outputs.set('services', servicesOutput(set));
        await ctx.reporter.publishSet(set, true);
    }
    finally {
        await cancelling();
    }
    if (failsSetStep(set)) {
        setFailed(set.verdict?.reason ?? `The release ended ${set.verdict?.outcome ?? 'without a verdict'}.`);
        if (set.verdict?.hint)
            info(`What to check: ${set.verdict.hint}`);
    }
}
/**
 * The post step. It has work only after a cancelled main step, which left the deployment
 * it changed in the step's state: the post command follows what became of it.
 */
async function runPost() {
    const arn = getState(STATE.deploymentArn);
    if (getState(STATE.cancelled) !== 'true')
        return;
    if (getState(STATE.members)) {
        const ctx = createContext(await readStepInputs(), new AbortController().signal, runSecrets());
        const { set, members } = newReleaseSet(ctx);
        await postReleaseSet(ctx, set, members);
        return;
    }
    if (!arn)
        return;
    const inputs = await readStepInputs();
    const ctx = createContext(inputs, new AbortController().signal, runSecrets());
    const release = newRelease({
        command: inputs.command,
        cluster: inputs.cluster,
        service: inputs.service,
        github: ctx.github,
        deploymentArn: arn,
        // Main leaves the deployment ARN only once it changed the service.
        changedService: true
    }, ctx.clock.now());
    await post(ctx, release);
}
/**
 * The step's inputs. action.yml sits beside dist/, where the runner runs the bundle from
 * (`runs.main`), and gives the defaults of inputs passed empty.
 */
function readStepInputs() {
    const actionYml = (0,external_node_path_.join)((0,external_node_path_.dirname)(process.argv[1] ?? ''), '..', 'action.yml');
    return readInputs(name => getInput(name), () => readActionDefaults(actionYml));
}
/**
 * The production ports: the job log, the runner's clock, step outputs and state, ECS and
 * CloudWatch Logs on first use.
 */
function createContext(inputs, signal, secrets) {
    let ecs;
    const logs = new Map();
    const github = readGitHubRun();
    return {
        inputs,
        connectEcs: () => (ecs ??= Promise.all(/* import() */[__nccwpck_require__.e(658), __nccwpck_require__.e(719), __nccwpck_require__.e(947), __nccwpck_require__.e(249)]).then(__nccwpck_require__.bind(__nccwpck_require__, 2249)).then(({ connectEcs }) => connectEcs(process.env, {
            onRetry: message => {
                warning(`ECS: ${message}`);
            }
        }))),
        connectLogs: region => {
            const port = logs.get(region) ??
                Promise.all(/* import() */[__nccwpck_require__.e(658), __nccwpck_require__.e(719), __nccwpck_require__.e(895), __nccwpck_require__.e(552)]).then(__nccwpck_require__.bind(__nccwpck_require__, 9552)).then(({ connectLogs }) => connectLogs(region));
            logs.set(region, port);
            return port;
        },
        log: actionsLog,
        clock: clock/* systemClock */.m,
        outputs: changedOnly((name, value) => {
            setOutput(name, value);
        }),
        reporter: createReporter(inputs, github, secrets),
        github,
        workspace: process.env.GITHUB_WORKSPACE || process.cwd(),
        tempDir: process.env.RUNNER_TEMP || (0,external_node_os_.tmpdir)(),
        signal,
        saveState: (name, value) => {
            saveState(name, value);
        },
        readState: name => getState(name),
        secrets
    };
}
/**
 * The job summary, the pull request comment and the check run. `render` reports nothing and
 * `status` only its job summary: they change nothing. Without a summary file (a local run)
 * the summary is skipped.
 */
function createReporter(inputs, github, secrets) {
    const writeSummary = async (markdown) => {
        if (process.env.GITHUB_STEP_SUMMARY)
            await writeJobSummary(markdown);
    };
    if (inputs.command === 'render')
        return silentReporter;
    if (inputs.command === 'status') {
        return inputs.jobSummary ? summaryReporter(writeSummary, actionsLog, secrets) : silentReporter;
    }
    const settings = {
        token: inputs.githubToken,
        prComment: inputs.prComment,
        checkRun: inputs.checkRun,
        checkName: inputs.checkName,
        jobSummary: inputs.jobSummary,
        github,
        apiUrl: process.env.GITHUB_API_URL,
        secrets,
        controlWorkflow: inputs.controlWorkflow
    };
    return new GitHubReporter(settings, actionsLog, writeSummary);
}


/***/ }),

/***/ 42:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   FT: () => (/* binding */ isStaleDeploymentAction),
/* harmony export */   Is: () => (/* binding */ errorName),
/* harmony export */   Pp: () => (/* binding */ describeAwsError),
/* harmony export */   bV: () => (/* binding */ isTransientError),
/* harmony export */   eR: () => (/* binding */ deploymentActionError),
/* harmony export */   vu: () => (/* binding */ isRefusal)
/* harmony export */ });
/* harmony import */ var _model_format_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(826);

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
    return /socket hang up|ECONNRESET|ECONNREFUSED|ETIMEDOUT|EPIPE|network/i.test((0,_model_format_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .gJ)(error));
}
/** ECS answered and refused the request (a client error other than throttling): nothing changed. */
function isRefusal(error) {
    const { $fault, $metadata } = shape(error);
    const status = $metadata?.httpStatusCode ?? 0;
    return ($fault === 'client' || (status >= 400 && status < 500)) && !isTransientError(error);
}
/** `ThrottlingException: Rate exceeded (after 5 attempts)`, for logs. */
function describeAwsError(error) {
    const { name, $metadata } = shape(error);
    const attempts = $metadata?.attempts && $metadata.attempts > 1 ? ` (after ${$metadata.attempts} attempts)` : '';
    const prefix = name && name !== 'Error' ? `${name}: ` : '';
    return `${prefix}${(0,_model_format_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .gJ)(error)}${attempts}`;
}
/**
 * ECS's answer to a continue or stop of a pause or deployment that can no longer take it
 * (answered already, superseded, finished).
 */
function isStaleDeploymentAction(error) {
    return ['InvalidParameterException', 'ClientException'].includes(errorName(error));
}
/**
 * The error a ContinueServiceDeployment or StopServiceDeployment ended with, explained:
 * what each error type the API declares for them means here (the SDK's `@throws`), and
 * what to do. Transient errors reach here only once the retries are spent, when the call
 * may or may not have taken effect.
 */
function deploymentActionError(error, operation, serviceDeploymentArn, hookId) {
    const said = describeAwsError(error);
    const where = 'run this action with command: status to see where it stands';
    const subject = hookId ? `pause ${hookId} of ${serviceDeploymentArn}` : serviceDeploymentArn;
    const message = (() => {
        switch (errorName(error)) {
            case 'AccessDeniedException':
                return `The credentials may not call ecs:${operation} on ${serviceDeploymentArn} (${said}); grant it as the README's "AWS credentials and IAM" shows.`;
            case 'InvalidParameterException':
            case 'ClientException':
                return `ECS refused ${operation} for ${subject} (${said}). Someone may have answered the pause, or the deployment ended or was replaced by a newer one; ${where}.`;
            case 'ConflictException':
                return `ECS cannot ${operation === 'StopServiceDeployment' ? 'stop' : 'continue'} ${subject} in its present state (${said}); ${where}.`;
            case 'ServiceDeploymentNotFoundException':
                return `ECS does not know deployment ${serviceDeploymentArn} (${said}). Check deployment-arn and the AWS region; ECS keeps deployments for 90 days.`;
            case 'UnsupportedFeatureException':
                return `${operation} is not available where the request went (${said}); check the AWS region.`;
            default:
                return isTransientError(error)
                    ? `ECS did not answer ${operation} for ${subject} (${said}); it may or may not have taken effect: ${where}.`
                    : `${operation} for ${subject} failed: ${said}`;
        }
    })();
    return new Error(message, { cause: error });
}


/***/ }),

/***/ 5102:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Jv: () => (/* binding */ describeService),
/* harmony export */   kh: () => (/* binding */ ongoingDeploymentId),
/* harmony export */   sg: () => (/* binding */ primaryDeployment)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(42);

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

/***/ 9407:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _action_main_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(7654);

await (0,_action_main_js__WEBPACK_IMPORTED_MODULE_0__/* .main */ .iW)();

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 9967:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   m: () => (/* binding */ systemClock),
/* harmony export */   r: () => (/* binding */ CLOCK_SKEW_MS)
/* harmony export */ });
/** How far the runner's clock may run ahead of AWS's: ECS times this much earlier still count. */
const CLOCK_SKEW_MS = 5_000;
const systemClock = {
    now: () => new Date(),
    sleep: (ms, signal) => new Promise(resolve => {
        if (signal?.aborted) {
            resolve();
            return;
        }
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

/***/ 3876:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   T3: () => (/* binding */ dnsSuffix),
/* harmony export */   Tb: () => (/* binding */ targetGroupConsoleUrl),
/* harmony export */   Yn: () => (/* binding */ deploymentConsoleUrl),
/* harmony export */   er: () => (/* binding */ taskConsoleUrl),
/* harmony export */   nw: () => (/* binding */ ACTION_LOGS_DOCS),
/* harmony export */   xD: () => (/* binding */ logConsoleUrl)
/* harmony export */ });
/* unused harmony export consoleOrigin */
/**
 * Links into the AWS console of a region's partition: the ECS console for deployments and
 * tasks, CloudWatch for log groups and streams, EC2 for target groups. Each region has its
 * console endpoint (https://docs.aws.amazon.com/general/latest/gr/mgmt-console.html); China
 * regions' are under console.amazonaws.cn, AWS GovCloud (US)'s under console.amazonaws-us-gov.com
 * (https://docs.aws.amazon.com/govcloud-us/latest/UserGuide/accessing-govcloud.html). The
 * isolated partitions' consoles are out of the internet's reach, so they get no links.
 */
/** `https://eu-west-1.console.aws.amazon.com`, or undefined for a region without a public console. */
function consoleOrigin(region) {
    if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region) || /-iso[a-z]?-/.test(region))
        return undefined;
    const host = region.startsWith('cn-')
        ? 'console.amazonaws.cn'
        : region.startsWith('us-gov-')
            ? 'console.amazonaws-us-gov.com'
            : 'console.aws.amazon.com';
    return `https://${region}.${host}`;
}
/** The DNS suffix of the region's partition, for service endpoints. */
function dnsSuffix(region) {
    return region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
}
const segment = encodeURIComponent;
/** A page of the ECS console (v2), whose paths take names, not ARNs. */
function ecsPage(region, path) {
    const origin = consoleOrigin(region);
    return origin && `${origin}/ecs/v2/${path}?region=${segment(region)}`;
}
/** The service deployment's page in the ECS console. */
function deploymentConsoleUrl(region, cluster, service, deploymentArn) {
    const id = deploymentArn.split('/').pop() ?? '';
    return ecsPage(region, `clusters/${segment(cluster)}/services/${segment(service)}/deployments/${segment(id)}`);
}
/** A task's page in the ECS console; ECS keeps a stopped task visible for about an hour. */
function taskConsoleUrl(region, cluster, taskArn) {
    const id = taskArn.split('/').pop() ?? '';
    return ecsPage(region, `clusters/${segment(cluster)}/tasks/${segment(id)}/configuration`);
}
/**
 * CloudWatch's console takes log group and stream names in its URL fragment, percent-encoded
 * twice with `$` for the outer `%` (`/ecs/web` \u2192 `$252Fecs$252Fweb`).
 */
function logsFragment(name) {
    return segment(name).replace(/%/g, '$25');
}
/** A log stream in the CloudWatch console, or its group when the stream is not known. */
function logConsoleUrl(region, group, stream) {
    const origin = consoleOrigin(region);
    if (!origin)
        return undefined;
    const events = stream === undefined ? '' : `/log-events/${logsFragment(stream)}`;
    return `${origin}/cloudwatch/home?region=${segment(region)}#logsV2:log-groups/log-group/${logsFragment(group)}${events}`;
}
/** A target group in the EC2 console. */
function targetGroupConsoleUrl(region, targetGroupArn) {
    const origin = consoleOrigin(region);
    return (origin &&
        `${origin}/ec2/home?region=${segment(region)}#TargetGroup:targetGroupArn=${segment(targetGroupArn)}`);
}
/**
 * ECS action logs: when a cluster has them turned on, ECS delivers its decisions about service
 * deployments (state changes, rollbacks, lifecycle hook executions) to the CloudWatch Logs, S3
 * or Firehose destination chosen on the cluster.
 */
const ACTION_LOGS_DOCS = 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/action-logs.html';


/***/ }),

/***/ 826:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   $Q: () => (/* binding */ clip),
/* harmony export */   AQ: () => (/* binding */ functionName),
/* harmony export */   C7: () => (/* binding */ formatElapsed),
/* harmony export */   Fu: () => (/* binding */ shortSha),
/* harmony export */   Gx: () => (/* binding */ minutes),
/* harmony export */   KN: () => (/* binding */ percent),
/* harmony export */   KQ: () => (/* binding */ dateTime),
/* harmony export */   PM: () => (/* binding */ MAX_INLINE),
/* harmony export */   U9: () => (/* binding */ count),
/* harmony export */   Uq: () => (/* binding */ shortImage),
/* harmony export */   ZD: () => (/* binding */ alreadySays),
/* harmony export */   _$: () => (/* binding */ isCommitSha),
/* harmony export */   cY: () => (/* binding */ offset),
/* harmony export */   dP: () => (/* binding */ deploymentId),
/* harmony export */   fU: () => (/* binding */ formatTime),
/* harmony export */   gJ: () => (/* binding */ errorMessage),
/* harmony export */   ip: () => (/* binding */ taskDefinitionName),
/* harmony export */   kB: () => (/* binding */ time),
/* harmony export */   kH: () => (/* binding */ INVISIBLE),
/* harmony export */   p0: () => (/* binding */ duration),
/* harmony export */   pj: () => (/* binding */ plain),
/* harmony export */   vd: () => (/* binding */ isValidDate),
/* harmony export */   x3: () => (/* binding */ NONE)
/* harmony export */ });
/** Formatting shared by the log, the diagnosis and the reports: times, names, plain text. */
/** Shown for a value that is not known. */
const NONE = '\u2014';
const EARLIEST = Date.UTC(2000, 0, 1);
const LATEST = Date.UTC(2200, 0, 1);
/**
 * Dates from ECS or from an earlier run's report may be missing, invalid or absurd; only
 * those in 2000\u20132199 are shown (which also keeps ISO formatting to four-digit years).
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
    return isValidDate(date) ? formatTime(date) : NONE;
}
/** `1h02m05s`, `3m07s`, `12s`. */
function duration(from, to) {
    if (!isValidDate(from) || !isValidDate(to))
        return NONE;
    return formatElapsed(to.getTime() - from.getTime()).slice(1);
}
/** `1 task`, `4 tasks`: a count and its noun, singular or plural. */
function count(n, noun) {
    return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
/** `1 minute`, `5 minutes`. */
function minutes(n) {
    return count(n, 'minute');
}
/** `+3m07s` since the release started. */
function offset(start, at) {
    if (!isValidDate(start) || !isValidDate(at))
        return NONE;
    return formatElapsed(at.getTime() - start.getTime());
}
/** `10%`, `12.5%`; weights are doubles from ECS. */
function percent(value) {
    if (value === undefined || !Number.isFinite(value))
        return NONE;
    return `${Math.round(value * 10) / 10}%`;
}
/** `web:42` from a task definition ARN. */
function taskDefinitionName(arn) {
    const match = /:task-definition\/(.+)$/.exec(arn);
    return match?.[1] ?? arn;
}
/**
 * An image without its registry, `\u2026/payments:2026.12.07` for
 * `111122223333.dkr.ecr.eu-west-1.amazonaws.com/payments:2026.12.07`, and a digest cut to
 * 12 hex digits: what tells releases apart, in a width that fits a table cell. The registry
 * is the first path component when it has a `.` or `:` or is `localhost` (as Docker reads
 * image references); an image without one is returned as it is.
 */
function shortImage(image) {
    const digest = /@sha256:([0-9a-f]{64})$/.exec(image);
    const name = digest ? `${image.slice(0, digest.index)}@sha256:${digest[1]?.slice(0, 12)}\u2026` : image;
    const slash = name.indexOf('/');
    const registry = slash === -1 ? '' : name.slice(0, slash);
    const hasRegistry = /[.:]/.test(registry) || registry === 'localhost';
    return hasRegistry ? `\u2026${name.slice(slash)}` : name;
}
/** The name of the Lambda function in its ARN (`\u2026:function:smoke-test` \u2192 `smoke-test`). */
function functionName(arn) {
    return /:function:([^:]+)/.exec(arn)?.[1] ?? arn;
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
/** Control characters and bidirectional overrides, which can disguise what text says. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069]/g;
/** Shortens text to at most `max` characters (counting the ellipsis). */
function clip(text, max) {
    if (text.length <= max)
        return text;
    let end = Math.max(0, max - 1);
    // Do not cut a surrogate pair in half.
    if (/[\uD800-\uDBFF]/.test(text.charAt(end - 1)))
        end -= 1;
    return `${text.slice(0, end)}\u2026`;
}
/** Longest untrusted value shown in a single table cell or line. */
const MAX_INLINE = 300;
/** Plain text (check run titles and names are not Markdown): one clipped line, nothing hidden. */
function plain(value, max = MAX_INLINE) {
    return clip(value.replace(INVISIBLE, '').replace(/\s+/g, ' ').trim(), max);
}
/** Whether `headline` already gives `text`, perhaps as a clause without its full stop. */
function alreadySays(headline, text) {
    return headline?.includes(text.replace(/\.$/, '')) ?? false;
}
/** The message of anything thrown: an Error's message, else the value as text. */
function errorMessage(error) {
    return error instanceof Error ? error.message : String(error);
}


/***/ }),

/***/ 2558:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   AN: () => (/* binding */ MAX_PAUSE_TIMEOUT),
/* harmony export */   E$: () => (/* binding */ STOPPING_STATUSES),
/* harmony export */   FR: () => (/* binding */ MAX_HOOKS_PER_TYPE),
/* harmony export */   Fw: () => (/* binding */ isRollingBack),
/* harmony export */   Jb: () => (/* binding */ stageIndex),
/* harmony export */   TQ: () => (/* binding */ isTerminalStatus),
/* harmony export */   dc: () => (/* binding */ MAX_LAMBDA_TIMEOUT),
/* harmony export */   j_: () => (/* binding */ hasReachedStage),
/* harmony export */   mG: () => (/* binding */ TIMEOUT_ACTIONS),
/* harmony export */   rz: () => (/* binding */ ONGOING_STATUSES),
/* harmony export */   sR: () => (/* binding */ isOngoingStatus),
/* harmony export */   tJ: () => (/* binding */ LIFECYCLE_STAGES),
/* harmony export */   uw: () => (/* binding */ HOOK_STAGES),
/* harmony export */   x_: () => (/* binding */ PAUSE_STAGES),
/* harmony export */   yK: () => (/* binding */ hookStagesFor)
/* harmony export */ });
/* unused harmony exports TERMINAL_STATUSES, ROLLING_BACK_STATUSES */
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
/**
 * Where ECS lets a hook of `targetType` run: Lambda hooks at every hook stage, pauses
 * only outside traffic shifts. Other types (a newer ECS) are taken to run anywhere a hook can.
 */
function hookStagesFor(targetType) {
    return targetType === 'PAUSE' ? PAUSE_STAGES : HOOK_STAGES;
}
/** What ECS does when a hook times out (DeploymentLifecycleHook timeoutConfiguration.action). */
const TIMEOUT_ACTIONS = ['ROLLBACK', 'CONTINUE'];
/**
 * ECS limits on lifecycle hooks (DeploymentLifecycleHook,
 * https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DeploymentLifecycleHook.html):
 * Lambda hooks wait up to a day, pauses up to 14 days, and a service takes ten of each type.
 */
const MAX_LAMBDA_TIMEOUT = 1440;
const MAX_PAUSE_TIMEOUT = 20160;
const MAX_HOOKS_PER_TYPE = 10;
const TERMINAL_STATUSES = [
    'SUCCESSFUL',
    'STOPPED',
    'ROLLBACK_SUCCESSFUL',
    'ROLLBACK_FAILED'
];
/** The statuses of a deployment that can still be continued or stopped. */
const ONGOING_STATUSES = [
    'PENDING',
    'IN_PROGRESS',
    'STOP_REQUESTED',
    'ROLLBACK_REQUESTED',
    'ROLLBACK_IN_PROGRESS'
];
/** The statuses of a deployment once a stop or rollback of it has taken effect. */
const STOPPING_STATUSES = [
    'STOP_REQUESTED',
    'STOPPED',
    'ROLLBACK_REQUESTED',
    'ROLLBACK_IN_PROGRESS',
    'ROLLBACK_SUCCESSFUL',
    'ROLLBACK_FAILED'
];
/** The statuses of a deployment ECS is rolling back. */
const ROLLING_BACK_STATUSES = [
    'ROLLBACK_REQUESTED',
    'ROLLBACK_IN_PROGRESS'
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
function isRollingBack(status) {
    return ROLLING_BACK_STATUSES.includes(status ?? '');
}
/** PENDING or one of the ongoing statuses: the deployment can still be continued or stopped. */
function isOngoingStatus(status) {
    return status !== undefined && !isTerminalStatus(status);
}


/***/ }),

/***/ 1987:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   H: () => (/* binding */ proxyAgentFor)
/* harmony export */ });
/* unused harmony export proxyFor */
/**
 * The proxy the runner's environment names for `target`, read as the runner reads it
 * (https://docs.github.com/en/actions/hosting-your-own-runners/managing-self-hosted-runners/using-a-proxy-server-with-self-hosted-runners):
 * `https_proxy` for an https URL, `http_proxy` for an http one, lower case before upper
 * case. None for a loopback host, nor for a host that `no_proxy` names: an entry covers the
 * host and its subdomains (`.example.com` only the subdomains, `*` every host) and, with a
 * port, only that port. Bare entries cover subdomains, as the runner and curl read them;
 * proxy-from-env would match them exactly, which is why the rule is written out here.
 */
function proxyFor(target, env = process.env) {
    const scheme = target.protocol === 'https:' ? 'https' : 'http';
    const proxy = env[`${scheme}_proxy`] || env[`${scheme.toUpperCase()}_PROXY`];
    if (!proxy || isLoopback(target.hostname) || bypassed(target, env))
        return undefined;
    return new URL(proxy.includes('://') ? proxy : `http://${proxy}`);
}
/**
 * An agent that tunnels every connection to `target` through its proxy with CONNECT, for
 * http and https alike, as the runner's toolkit does; undefined when no proxy applies, so a
 * run that needs none never loads one.
 */
async function proxyAgentFor(target) {
    const proxy = proxyFor(target);
    if (!proxy)
        return undefined;
    const { HttpsProxyAgent } = await __nccwpck_require__.e(/* import() */ 659).then(__nccwpck_require__.bind(__nccwpck_require__, 7659));
    return new HttpsProxyAgent(proxy, { keepAlive: true });
}
function isLoopback(hostname) {
    return hostname === 'localhost' || hostname.startsWith('127.') || hostname === '[::1]';
}
function bypassed(target, env) {
    const host = target.hostname.toLowerCase();
    const port = target.port || (target.protocol === 'https:' ? '443' : '80');
    return (env.no_proxy || env.NO_PROXY || '')
        .split(',')
        .map(entry => entry.trim().toLowerCase())
        .some(entry => {
        if (entry === '*')
            return true;
        const [, name = entry, entryPort] = /^(.+?)(?::(\d+))?$/.exec(entry) ?? [];
        if (!name || (entryPort !== undefined && entryPort !== port))
            return false;
        return name.startsWith('.') ? host.endsWith(name) : host === name || host.endsWith(`.${name}`);
    });
}


/***/ }),

/***/ 3819:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  _: () => (/* binding */ USER_AGENT)
});

;// CONCATENATED MODULE: ./package.json
const package_namespaceObject = {"rE":"0.1.0"};
;// CONCATENATED MODULE: ./src/net/user-agent.ts

/**
 * How the action names itself to ECS and to GitHub, which asks every integration to say
 * who it is (https://docs.github.com/en/rest/using-the-rest-api/getting-started-with-the-rest-api#user-agent).
 */
const USER_AGENT = `ecs-bluegreen-action/${package_namespaceObject.rE}`;


/***/ }),

/***/ 2613:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("assert");

/***/ }),

/***/ 181:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("buffer");

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

/***/ 7598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

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

/***/ 1708:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:process");

/***/ }),

/***/ 7075:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream");

/***/ }),

/***/ 7830:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream/web");

/***/ }),

/***/ 3136:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");

/***/ }),

/***/ 7975:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");

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

/***/ 4756:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tls");

/***/ }),

/***/ 2018:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tty");

/***/ }),

/***/ 7016:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("url");

/***/ }),

/***/ 9023:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util");

/***/ }),

/***/ 8167:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("worker_threads");

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
/******/ var __webpack_exports__ = __nccwpck_require__(9407);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
