import { readFileSync } from 'node:fs'
import { describe, expect, it } from '@jest/globals'
import { parse } from 'yaml'
import { findPromotionRoute, type RouteFacts } from '../src/report/promotion-route.js'
import { dispatchCommand, promotionBlock } from '../src/report/render/promotion.js'
import { DEPLOYMENT_ARN, decodeEntities, pausedRelease, pushRun } from './report/fixtures.js'
import { documentedWorkflows } from '../scripts/documented-workflows.js'

// The README is the action's reference: it must not drift from action.yml.
const root = new URL('../', import.meta.url)
const readme = readFileSync(new URL('README.md', root), 'utf8')
const action = parse(readFileSync(new URL('action.yml', root), 'utf8')) as {
  inputs: Record<string, { default?: string }>
  outputs: Record<string, unknown>
}

/** The rows of the Markdown table under a heading, as cells. */
function tableUnder(heading: string): string[][] {
  const section = readme.split(`\n## ${heading}\n`)[1]?.split('\n## ')[0] ?? ''
  return section
    .split('\n')
    .filter(line => line.startsWith('| `'))
    .map(line =>
      line
        .split('|')
        .slice(1, -1)
        .map(cell => cell.trim())
    )
}

describe('README', () => {
  it('documents every input of action.yml, with its default, and no other', () => {
    const rows = tableUnder('Inputs')
    expect(rows.map(([name]) => name)).toEqual(
      Object.keys(action.inputs).map(name => `\`${name}\``)
    )
    for (const [name, defaultCell] of rows) {
      const declared = action.inputs[name!.slice(1, -1)]?.default
      expect([name, defaultCell]).toEqual([name, declared === undefined ? '' : `\`${declared}\``])
    }
  })

  it('documents every output of action.yml, and no other', () => {
    expect(tableUnder('Outputs').map(([name]) => name)).toEqual(
      Object.keys(action.outputs).map(name => `\`${name}\``)
    )
  })

  it('shows the IAM policy of docs/iam-policy.json, and what each command calls', () => {
    const block = /```json\n(\{\n {2}"Version"[\s\S]*?)\n```/.exec(readme)?.[1]
    expect(JSON.parse(block ?? '{}')).toEqual(
      JSON.parse(readFileSync(new URL('docs/iam-policy.json', root), 'utf8'))
    )
    const { commands } = JSON.parse(
      readFileSync(new URL('docs/iam-actions.json', root), 'utf8')
    ) as { commands: Record<string, { always: string[]; when: Record<string, string> }> }
    const listed = (cell = ''): string[] => cell.match(/[a-z]+:[A-Za-z]+/g) ?? []
    expect(
      Object.fromEntries(
        tableUnder('AWS credentials and IAM').map(([command, always, when]) => [
          command!.slice(1, -1),
          { always: listed(always), when: listed(when) }
        ])
      )
    ).toEqual(
      Object.fromEntries(
        Object.entries(commands).map(([command, { always, when }]) => [
          command,
          { always, when: Object.keys(when) }
        ])
      )
    )
  })

  it('gives a new clone its two commands', () => {
    expect(readme).toContain('npm ci && npm test')
    expect(readme).toContain('npm ci && npm run demo')
  })
})

/** What a paused release of the README's `web` on `prod` says, run as `facts` describe. */
function pausedSays(facts: Omit<RouteFacts, 'github'> & { file: string; job: string }): {
  text: string
  commands: string[]
} {
  const github = pushRun({
    repository: 'octo/shop',
    runNumber: '87',
    workflowRef: `octo/shop/.github/workflows/${facts.file}@refs/heads/main`,
    job: facts.job
  })
  const release = pausedRelease({ github, promotion: findPromotionRoute({ ...facts, github }) })
  const block = promotionBlock(release, 3) ?? ''
  const commands = [...block.matchAll(/```sh\n(.*)\n```/g)].map(([, command]) => command ?? '')
  return { text: decodeEntities(block), commands }
}

/** The `-f name=value` inputs of a `gh workflow run` command. */
function fields(command: string): Record<string, string> {
  return Object.fromEntries([...command.matchAll(/-f ([\w-]+)=(\S+)/g)].map(([, k, v]) => [k, v]))
}

describe('the README’s workflows and what a paused release says', () => {
  const [quickStart, onMerge, control] = documentedWorkflows('README.md').map(
    shown => shown.workflow
  )

  it('shows the three layouts, in this order', () => {
    expect([quickStart, onMerge, control].map(workflow => workflow?.name)).toEqual([
      'release',
      'release',
      'release-control'
    ])
    expect(Object.keys(quickStart?.jobs ?? {})).toEqual(['release'])
    expect(Object.keys(onMerge?.jobs ?? {})).toEqual(['deploy', 'promote'])
  })

  it('deploy on merge: approve the pending deployment of this run, roll back with release-control', () => {
    const deploy = (onMerge?.jobs as Record<string, { steps: { with?: Record<string, string> }[] }>)
      .deploy
    const controlWorkflow = deploy?.steps.find(step => step.with?.['control-workflow'])?.with?.[
      'control-workflow'
    ]
    expect(controlWorkflow).toBe('release-control.yml')

    const { text, commands } = pausedSays({
      file: 'release.yml',
      job: 'deploy',
      deploying: onMerge,
      controlWorkflow,
      control
    })
    expect(text).toContain(
      '**Promote:** approve the pending deployment to <code>production</code> in [run #87](https://github.com/octo/shop/actions/runs/4242)'
    )
    expect(commands).toEqual([
      `gh workflow run release-control.yml --repo octo/shop -f command=rollback -f service=web -f cluster=prod -f deployment-arn=${DEPLOYMENT_ARN}`
    ])
  })

  it('release-control: commands it accepts, in the form the README shows', () => {
    const { commands } = pausedSays({
      file: 'release.yml',
      job: 'release',
      controlWorkflow: 'release-control.yml',
      control
    })
    const dispatch = control?.on as {
      workflow_dispatch: { inputs: Record<string, { options?: string[] }> }
    }
    const declared = dispatch.workflow_dispatch.inputs
    for (const command of commands) {
      for (const [name, value] of Object.entries(fields(command))) {
        expect(Object.keys(declared)).toContain(name)
        if (declared[name]?.options) expect(declared[name].options).toContain(value)
      }
    }
    // The README's own commands are these, less the repository and the deployment ARN.
    const documented = [...readme.matchAll(/^gh workflow run release-control\.yml .*$/gm)].map(
      ([line]) => line
    )
    expect(documented).toHaveLength(2)
    expect(
      commands.map(command =>
        command.replace(' --repo octo/shop', '').replace(/ -f deployment-arn=\S+/, '')
      )
    ).toEqual(documented)
  })

  it('the Quick start: no command, since nothing there can take one', () => {
    const { text, commands } = pausedSays({
      file: 'release.yml',
      job: 'release',
      deploying: quickStart
    })
    expect(commands).toEqual([])
    expect(text).not.toContain('gh workflow run')
    expect(text).toContain('<code>control-workflow</code> input')
  })

  it('docs/reporting.md’s deploy workflow offers itself, with the inputs it declares', () => {
    const deploy = documentedWorkflows('docs/reporting.md').find(
      shown => shown.workflow.name === 'Deploy'
    )?.workflow
    const { commands } = pausedSays({ file: 'deploy.yml', job: 'release', deploying: deploy })
    expect(commands.map(command => fields(command).command)).toEqual(['promote', 'rollback'])
    expect(commands[0]).toBe(
      dispatchCommand(
        pausedRelease({ github: pushRun({ repository: 'octo/shop' }) }),
        {
          file: 'deploy.yml',
          ref: 'main',
          inputs: ['service', 'cluster', 'deployment-arn'],
          commands: ['promote', 'rollback']
        },
        'promote'
      )
    )
  })
})
