import type { GitHubApi } from './client.js'
import type { RepoRef } from './api.js'

/**
 * The text of `.github/workflows/<file>` at `ref` (the default branch when absent), or
 * undefined when it is not a file there. Needs `contents: read`
 * (https://docs.github.com/rest/repos/contents#get-repository-content).
 */
export async function readWorkflowFile(
  api: GitHubApi,
  repo: RepoRef,
  file: string,
  ref?: string
): Promise<string | undefined> {
  const { data } = await api.rest.repos.getContent({
    ...repo,
    path: `.github/workflows/${file}`,
    ...(ref ? { ref } : {})
  })
  if (Array.isArray(data) || data.type !== 'file' || !('content' in data)) return undefined
  return Buffer.from(data.content, 'base64').toString('utf8')
}
