import { registerTaskDefinitionShape } from '../ecs/api-schema.js'
import { describeService } from '../ecs/service.js'
import type { Release } from '../model/release.js'
import {
  describeTaskDefinition,
  loadTaskDefinitionFile,
  type TaskDefinitionDocument
} from '../task-definition/load.js'
import { writeRenderedTaskDefinition } from '../task-definition/output-file.js'
import { type RenderedTaskDefinition, renderTaskDefinition } from '../task-definition/render.js'
import { loadRevision } from '../task-definition/revision.js'
import { taskDefinitionSecrets } from '../model/secrets.js'
import { concludeRelease } from '../verdict/verdict.js'
import { type CommandContext, inGroup } from './context.js'

/**
 * `command: render`: the task definition the release would register, written to a file.
 * From a file it makes no AWS call at all; from a registered revision it reads that one,
 * and without either the service's current task definition.
 */
export async function render(ctx: CommandContext, release: Release): Promise<void> {
  const { inputs } = ctx
  let base: TaskDefinitionDocument
  if (inputs.taskDefinition) {
    base = await loadTaskDefinitionFile(inputs.taskDefinition, ctx.workspace)
  } else if (inputs.taskDefinitionRevision) {
    const ecs = await ctx.connectEcs()
    base = (await loadRevision(ecs, inputs.taskDefinitionRevision, inputs.containerName)).document
  } else {
    const ecs = await ctx.connectEcs()
    const service = await describeService(ecs, inputs.cluster, inputs.service)
    base = (await describeTaskDefinition(ecs, service.taskDefinition ?? '')).document
  }
  const rendered = await renderToFile(ctx, base, base)
  release.taskDefinition = { containers: rendered.containers }
  concludeRelease(release, { kind: 'rendered' }, ctx.clock.now())
}

/** Renders the release's task definition, writes it for later steps and logs what changes. */
export async function renderToFile(
  ctx: CommandContext,
  base: TaskDefinitionDocument,
  previous: TaskDefinitionDocument
): Promise<RenderedTaskDefinition> {
  return inGroup(ctx.log, `Render task definition ${String(base.family)}`, async () => {
    const { inputs, log } = ctx
    const rendered = renderTaskDefinition(
      await registerTaskDefinitionShape(),
      base,
      {
        images: inputs.images,
        containerName: inputs.containerName,
        environment: inputs.environmentVariables
      },
      previous
    )
    // Before anything is logged (run() has masked the values of environment-variables).
    for (const value of taskDefinitionSecrets(rendered.input)) ctx.secrets.add(value)
    if (rendered.unknownFields.length > 0) {
      log.warning(
        `Left out fields that RegisterTaskDefinition does not take: ${rendered.unknownFields.join(', ')}.`
      )
    }
    for (const container of rendered.containers) {
      const image =
        container.previousImage && container.previousImage !== container.image
          ? `${container.previousImage} → ${container.image}`
          : `${container.image ?? 'no image'} (unchanged)`
      const environment =
        container.changedEnvironment.length > 0
          ? `; environment set: ${container.changedEnvironment.join(', ')}`
          : ''
      log.info(`container ${container.name}: ${image}${environment}`)
    }
    const path = await writeRenderedTaskDefinition(rendered.input, ctx.tempDir)
    ctx.outputs.set('rendered-task-definition', path)
    log.info(`Rendered task definition written to ${path}`)
    return rendered
  })
}
