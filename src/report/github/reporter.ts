import type { Log } from '../../model/log.js'
import type { GitHubRun, PromotionRoute, Release } from '../../model/release.js'
import { CheckRunChannel, CommentChannel } from './channels.js'
import { errorMessage, plain } from '../../model/format.js'
import { createGitHubClient, type GitHubApi, type GitHubClientOptions } from './client.js'
import { renderJobSummary } from '../render/job-summary.js'
import { releaseDocument, type ReportDocument } from '../render/report-document.js'
import { releaseSetDocument, renderReleaseSetSummary } from '../render/release-set.js'
import type { ReleaseSet } from '../../model/release-set.js'
import type { Reporter } from '../reporter.js'
import { repoRef } from './api.js'
import { tokenKind } from './problems.js'
import { readWorkflowFile } from './workflow-files.js'
import { findPromotionRoute, workflowTarget } from '../promotion-route.js'
import { continueRecalled } from '../continuity.js'
import { loadStructuredTextParser, parseStructuredText } from '../../inputs/structured-text.js'
import { readSnapshot, type RecalledRelease } from '../render/snapshot.js'
import {
  releaseSetWithSecretsHidden,
  type Secrets,
  withSecretsHidden
} from '../../model/secrets.js'

/** The reporting inputs of action.yml, and the run they report from. */
export interface ReporterSettings {
  token: string
  prComment: boolean
  checkRun: boolean
  checkName?: string
  jobSummary: boolean
  github: GitHubRun
  /** GITHUB_API_URL (GitHub Enterprise Server, or a fake server in tests). */
  apiUrl?: string
  /** Values hidden in the free text written to GitHub: the runner masks only the log. */
  secrets?: Secrets
  /** The `control-workflow` input. */
  controlWorkflow?: string
}

/** Replaces the step's job summary with `markdown`. */
export type SummaryWriter = (markdown: string) => Promise<void>

/** Client timing; production keeps the defaults, tests shorten the waits. */
export type ClientTuning = Pick<
  GitHubClientOptions,
  'retryAfterBaseValue' | 'throttle' | 'timeoutMs'
>

/**
 * Reports a release to the job summary, one sticky PR comment and one check run; the
 * comment and the check run only once the release changed the service. Calls are
 * serialised (a cancellation handler may publish while a poll does), and nothing here
 * throws: problems become one warning each and switch the affected channel off.
 */
export class GitHubReporter implements Reporter {
  private readonly comments?: CommentChannel
  private readonly checks?: CheckRunChannel
  private client?: Promise<GitHubApi>
  private queue: Promise<unknown> = Promise.resolve()
  /** An interim publish that has not started yet; later interim publishes join it. */
  private waiting?: Promise<void>
  private readonly failures = new Set<string>()
  private route?: Promise<PromotionRoute>

  constructor(
    private readonly settings: ReporterSettings,
    private readonly log: Log,
    private readonly writeSummary: SummaryWriter,
    private readonly tuning: ClientTuning = {}
  ) {
    if (!settings.prComment && !settings.checkRun) return
    const repo = repoRef(settings.github)
    const skipped = 'no pull request comment or check run (the job summary is still written)'
    if (!settings.token) {
      log.info(`github-token is empty: ${skipped}.`)
    } else if (!repo) {
      log.info(`GITHUB_REPOSITORY is not owner/repo: ${skipped}.`)
    } else {
      const context = {
        api: () => this.api(),
        repo,
        github: settings.github,
        log,
        token: tokenKind(settings.token)
      }
      if (settings.prComment) this.comments = new CommentChannel(context)
      if (settings.checkRun) this.checks = new CheckRunChannel(context)
    }
  }

  recall(release: Release): Promise<RecalledRelease | undefined> {
    return this.serialise('recall the earlier report', async () => {
      const document = releaseDocument(release, this.settings.checkName)
      const texts = [await this.checks?.recall(document), await this.comments?.recall(document)]
      return longestSnapshot(texts, release)
    })
  }

  /** Publishes the report of a release of one service (see publishReport). */
  publish(release: Release, final: boolean): Promise<void> {
    const { secrets, checkName } = this.settings
    return this.publishReport(final, () => {
      const shown = secrets ? withSecretsHidden(release, secrets) : release
      return {
        // A plan changes nothing, and reports anyway: its check run is what a pull request requires.
        reported: release.changedService || release.command === 'plan',
        document: () => releaseDocument(shown, checkName),
        summary: () => renderJobSummary(shown)
      }
    })
  }

  /** Takes up the release's comment and check run, and each service's timeline from them. */
  async continueSet(set: ReleaseSet): Promise<void> {
    await this.serialise('recall the earlier report', async () => {
      const document = releaseSetDocument(set, this.settings.checkName)
      const texts = [await this.checks?.recall(document), await this.comments?.recall(document)]
      for (const member of set.members) continueRecalled(member, longestSnapshot(texts, member))
    })
  }

  /** Like publish, for a release of several services: one comment, one check run, one summary. */
  publishSet(set: ReleaseSet, final: boolean): Promise<void> {
    const { secrets, checkName } = this.settings
    return this.publishReport(final, () => {
      const shown = secrets ? releaseSetWithSecretsHidden(set, secrets) : set
      return {
        reported: set.members.some(member => member.changedService) || set.command === 'plan',
        document: () => releaseSetDocument(shown, checkName),
        summary: () => renderReleaseSetSummary(shown)
      }
    })
  }

  /**
   * Interim publishes coalesce: while one waits for its turn, later calls join it, and it
   * renders the release as it stands when its turn comes (`report` reads it then). GitHub
   * asks integrations to space writes a second apart, so callers should not wait for
   * interim publishes.
   */
  private publishReport(
    final: boolean,
    report: () => { reported: boolean; document: () => ReportDocument; summary: () => string }
  ): Promise<void> {
    // With neither a comment nor a check run, only the final job summary is written.
    if (!final && !this.comments && !this.checks) return Promise.resolve()
    if (!final && this.waiting) return this.waiting
    const published = this.serialise('report the release', async () => {
      if (!final) this.waiting = undefined
      const { reported, document, summary } = report()
      if (!final && !reported) return
      if (reported && (this.comments || this.checks)) {
        const rendered = document()
        await this.comments?.publish(rendered)
        await this.checks?.publish(rendered)
      } else if (final && !reported && (this.comments || this.checks)) {
        this.log.info(
          'This run changed nothing in ECS: the pull request comment and the check run are left as they were.'
        )
      }
      if (final && this.settings.jobSummary) {
        await this.guarded('write the job summary', () => this.writeSummary(summary()))
      }
    }).then(() => undefined)
    if (!final) this.waiting = published
    return published
  }

  /**
   * Reads the deploying workflow (at the run's commit) and the control workflow (on the
   * default branch) when the token may, and finds the ways they offer. Once per run.
   */
  promotionRoute(): Promise<PromotionRoute> {
    this.route ??= this.serialise('find how to promote the release', async () => {
      const { github, controlWorkflow } = this.settings
      const deploying = workflowTarget(github.workflowRef)
      const facts = {
        github,
        controlWorkflow,
        deploying: deploying && (await this.workflow(deploying.file, github.workflowSha)),
        control: controlWorkflow && (await this.workflow(controlWorkflow))
      }
      const route = findPromotionRoute(facts)
      if (
        controlWorkflow &&
        facts.control !== undefined &&
        route.dispatch?.file !== controlWorkflow
      ) {
        this.log.warning(
          `control-workflow ${controlWorkflow} has no workflow_dispatch trigger with a command input this action can fill in, so the report does not offer it.`
        )
      }
      return route
    }).then(route => route ?? {})
    return this.route
  }

  /**
   * A workflow's definition, parsed (null when it is not valid YAML); undefined when it
   * cannot be read: no token, no `contents: read`, no such file.
   */
  private async workflow(file: string, ref?: string): Promise<unknown> {
    const repo = repoRef(this.settings.github)
    if (!this.settings.token || !repo) return undefined
    let text: string | undefined
    try {
      text = await readWorkflowFile(await this.api(), repo, file, ref)
    } catch (error) {
      this.log.debug(`Could not read workflow ${file}: ${plain(errorMessage(error), 300)}`)
      return undefined
    }
    if (text === undefined) return undefined
    await loadStructuredTextParser()
    try {
      return parseStructuredText(text)
    } catch {
      return null
    }
  }

  private api(): Promise<GitHubApi> {
    this.client ??= createGitHubClient(this.settings.token, {
      ...this.tuning,
      baseUrl: this.settings.apiUrl,
      log: this.log
    })
    return this.client
  }

  /** Runs `work` after earlier calls have finished. */
  private serialise<T>(what: string, work: () => Promise<T>): Promise<T | undefined> {
    const run = this.queue.then(() => this.guarded(what, work))
    this.queue = run
    return run
  }

  /** An unexpected error becomes one warning per kind of work, never a throw. */
  private async guarded<T>(what: string, work: () => Promise<T>): Promise<T | undefined> {
    try {
      return await work()
    } catch (error) {
      if (!this.failures.has(what)) {
        this.failures.add(what)
        this.log.warning(`Could not ${what}: ${plain(errorMessage(error), 500)}`)
      }
      return undefined
    }
  }
}

/**
 * The release's snapshot in the check run and comment texts. Both copies are written
 * together; if one missed an update, the longer timeline wins.
 */
function longestSnapshot(
  texts: (string | undefined)[],
  release: Release
): RecalledRelease | undefined {
  const found = texts.flatMap(text => readSnapshot(text, release) ?? [])
  const size = (snapshot: RecalledRelease): number => snapshot.stages.length + snapshot.hooks.length
  return found.sort((a, b) => size(b) - size(a))[0]
}
