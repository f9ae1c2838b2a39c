// One script for both steps (action.yml): the main step only leaves the post step a mark
// through GITHUB_STATE, which the runner hands to the post step as STATE_main.
// https://docs.github.com/en/actions/using-workflows/workflow-commands-for-github-actions#sending-values-to-the-pre-and-post-actions
import { spawnSync } from 'node:child_process'
import { appendFileSync } from 'node:fs'
import process from 'node:process'

if (process.env.STATE_main === 'done') {
  const { status } = spawnSync('bash', ['-e', '-c', process.env.INPUT_RUN ?? ''], {
    stdio: 'inherit'
  })
  process.exitCode = status ?? 1
} else {
  appendFileSync(process.env.GITHUB_STATE ?? '', 'main=done\n')
}
