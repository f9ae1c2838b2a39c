import type { Log } from '../../model/log.js'
import type { GitHubRun, Release } from '../../model/release.js'
import { ChannelGuard } from './problems.js'
import { checkRunName, renderCheckRun } from '../render/check-run.js'
import { createCheckRun, findCheckRun, updateCheckRun, type PostedCheckRun } from './api.js'
import { commentMarker, renderComment } from '../render/comment.js'
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
}

export class CommentChannel {
  readonly guard: ChannelGuard
  /** null once looked up and not found. */
  private pullRequest?: PullRequestRef | null
  private comment?: PostedComment
  private searched = false
  private identity?: Promise<AuthorCheck>

  constructor(private readonly context: ChannelContext) {
    this.guard = new ChannelGuard('comment', context.log, context.github.actor)
  }

  /** The body of the comment an earlier run left for this release, if any. */
  async recall(release: Release): Promise<string | undefined> {
    return this.guard.run(async () => (await this.existing(release))?.body)
  }

  async publish(release: Release): Promise<void> {
    if (!this.guard.enabled) return
    const body = renderComment(release)
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

  private async existing(release: Release): Promise<PostedComment | undefined> {
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
        commentMarker(release),
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
  private found?: PostedCheckRun
  private searched = false
  /** This run continues an earlier run's report (promote, rollback, the post step). */
  private recalled = false
  private published?: string

  constructor(
    private readonly context: ChannelContext,
    private readonly checkName: string | undefined
  ) {
    this.guard = new ChannelGuard('check-run', context.log, context.github.actor)
  }

  /** The details text of the newest check run an earlier run left on the commit, if any. */
  async recall(release: Release): Promise<string | undefined> {
    this.recalled = true
    return this.guard.run(async () => (await this.existing(release))?.text)
  }

  async publish(release: Release): Promise<void> {
    if (!this.guard.enabled) return
    const payload = renderCheckRun(release, this.checkName)
    const key = JSON.stringify(payload)
    if (key === this.published) return
    await this.guard.run(async () => {
      const sha = this.sha(release)
      if (!sha) return
      if (!this.checkRun) {
        // A new deploy starts a new check run unless an earlier one was left unfinished;
        // a run that recalled the earlier report continues the check run it came from.
        const found = await this.existing(release)
        if (found && (found.status !== 'completed' || this.recalled)) {
          this.checkRun = found
        }
      }
      const { repo } = this.context
      const api = await this.context.api()
      this.checkRun = this.checkRun
        ? await updateCheckRun(api, repo, this.checkRun.id, payload)
        : await createCheckRun(api, repo, sha, payload)
      this.published = key
    })
  }

  private sha(release: Release): string | undefined {
    const sha = reportSha(release.commit, this.context.github)
    if (!sha) {
      this.context.log.info('No full commit SHA to attach a check run to: no check run.')
      this.guard.disable()
    }
    return sha
  }

  private async existing(release: Release): Promise<PostedCheckRun | undefined> {
    const sha = this.sha(release)
    if (sha && !this.searched) {
      const name = checkRunName(release, this.checkName)
      this.found = await findCheckRun(await this.context.api(), this.context.repo, sha, name)
      this.searched = true
    }
    return this.found
  }
}
