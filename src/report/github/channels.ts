import type { Log } from '../../model/log.js'
import type { GitHubRun } from '../../model/release.js'
import { ChannelGuard, type TokenFacts, type TokenKind } from './problems.js'
import type { CheckRunPayload } from '../render/check-run.js'
import type { ReportDocument } from '../render/report-document.js'
import {
  createCheckRun,
  findCheckRun,
  isAnotherAppsCheckRun,
  updateCheckRun,
  type PostedCheckRun
} from './api.js'
import type { GitHubApi } from './client.js'
import { findPullRequest, type PullRequestRef } from './api.js'
import { reportSha, type RepoRef } from './api.js'
import {
  createComment,
  findComment,
  tokenIdentity,
  updateComment,
  type AuthorCheck,
  type PostedComment
} from './api.js'

/**
 * The two API channels of a run. Each finds what an earlier run posted once, then keeps
 * updating it, and skips the call when the rendered result has not changed.
 */

export interface ChannelContext {
  /** The client, created on first use. */
  api: () => Promise<GitHubApi>
  repo: RepoRef
  github: GitHubRun
  log: Log
  /** The kind of github-token, for advice on what it lacks. */
  token?: TokenKind
}

function tokenFacts(context: ChannelContext): TokenFacts {
  return { actor: context.github.actor, token: context.token }
}

export class CommentChannel {
  readonly guard: ChannelGuard
  /** null once looked up and not found. */
  private pullRequest?: PullRequestRef | null
  private comment?: PostedComment
  private searched = false
  private identity?: Promise<AuthorCheck>

  constructor(private readonly context: ChannelContext) {
    this.guard = new ChannelGuard('comment', context.log, tokenFacts(context))
  }

  /** The body of the comment an earlier run left for this release, if any. */
  async recall(release: ReportDocument): Promise<string | undefined> {
    return this.guard.run(async () => (await this.existing(release))?.body)
  }

  async publish(release: ReportDocument): Promise<void> {
    if (!this.guard.enabled) return
    const body = release.comment()
    if (this.comment?.body === body) return
    await this.guard.run(async () => {
      const existing = await this.existing(release)
      const pullRequest = this.pullRequest
      if (!pullRequest || existing?.body === body) return
      const { repo } = this.context
      const api = await this.context.api()
      this.comment = existing
        ? await updateComment(api, repo, existing.id, body)
        : await createComment(api, repo, pullRequest.number, body)
    })
  }

  private async existing(release: ReportDocument): Promise<PostedComment | undefined> {
    const { repo, github, log } = this.context
    const api = await this.context.api()
    if (this.pullRequest === undefined) {
      const sha = reportSha(release.commit, github)
      this.pullRequest = (sha && (await findPullRequest(api, repo, sha, github))) || null
      if (!this.pullRequest) {
        log.info(
          `No pull request is open with commit ${sha ?? github.sha} or was merged as it: no pull request comment.`
        )
        this.guard.disable()
      }
    }
    if (this.pullRequest && !this.searched) {
      this.comment = await findComment(
        api,
        repo,
        this.pullRequest.number,
        release.commentMarker,
        () => (this.identity ??= tokenIdentity(api))
      )
      this.searched = true
    }
    return this.comment
  }
}

export class CheckRunChannel {
  readonly guard: ChannelGuard
  /** The check run this run writes, once chosen. */
  private checkRun?: PostedCheckRun
  /** A check run of the release this run cannot change (completed, or another app's); its own replaces and links it. */
  private earlier?: PostedCheckRun
  private found?: PostedCheckRun
  private searched = false
  /** This run continues an earlier run's report (promote, rollback, the post step). */
  private recalled = false
  private published?: string

  constructor(private readonly context: ChannelContext) {
    this.guard = new ChannelGuard('check-run', context.log, tokenFacts(context))
  }

  /** The details text of the newest check run an earlier run left on the commit, if any. */
  async recall(release: ReportDocument): Promise<string | undefined> {
    this.recalled = true
    return this.guard.run(async () => (await this.existing(release))?.text)
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
  async publish(release: ReportDocument): Promise<void> {
    if (!this.guard.enabled) return
    if (JSON.stringify(this.render(release)) === this.published) return
    await this.guard.run(async () => {
      const sha = this.sha(release)
      if (!sha) return
      this.checkRun ??= await this.continued(release)
      if (this.checkRun && !canShow(this.checkRun, release.checkRunState())) {
        this.replace(this.checkRun)
      }
      const { repo } = this.context
      const api = await this.context.api()
      let payload = this.render(release)
      if (this.checkRun) {
        try {
          this.checkRun = await updateCheckRun(api, repo, this.checkRun.id, payload)
        } catch (error) {
          // A deploy and a promote with tokens of different apps: GitHub lets only the
          // app that created a check run change it.
          if (!isAnotherAppsCheckRun(error)) throw error
          this.replace(this.checkRun)
          payload = this.render(release)
        }
      }
      this.checkRun ??= await createCheckRun(api, repo, sha, payload)
      this.published = JSON.stringify(payload)
    })
  }

  private render(release: ReportDocument): CheckRunPayload {
    return release.checkRun(this.earlier)
  }

  /** The check run of an earlier run this run goes on writing, if any. */
  private async continued(release: ReportDocument): Promise<PostedCheckRun | undefined> {
    const found = await this.existing(release)
    return found && (found.status !== 'completed' || this.recalled) ? found : undefined
  }

  private replace(checkRun: PostedCheckRun): void {
    this.earlier = checkRun
    this.checkRun = undefined
  }

  private sha(release: ReportDocument): string | undefined {
    const sha = reportSha(release.commit, this.context.github)
    if (!sha) {
      this.context.log.info('No full commit SHA to attach a check run to: no check run.')
      this.guard.disable()
    }
    return sha
  }

  private async existing(release: ReportDocument): Promise<PostedCheckRun | undefined> {
    const sha = this.sha(release)
    if (sha && !this.searched) {
      const name = release.checkRunName
      const ours = release.checkRunExternalId
      this.found = await findCheckRun(
        await this.context.api(),
        this.context.repo,
        sha,
        name,
        run => run.external_id === ours
      )
      this.searched = true
    }
    return this.found
  }
}

/** Whether `checkRun` can show `state`: it is not completed, or completed just so. */
function canShow(
  checkRun: PostedCheckRun,
  state: ReturnType<ReportDocument['checkRunState']>
): boolean {
  if (checkRun.status !== 'completed') return true
  return state.status === 'completed' && state.conclusion === checkRun.conclusion
}
