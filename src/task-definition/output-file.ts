import { randomUUID } from 'node:crypto'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { RegisterTaskDefinitionCommandInput } from '@aws-sdk/client-ecs'

/**
 * Writes the rendered task definition where later steps can read it (RUNNER_TEMP is
 * cleaned after the job). Environment values are in it, as in any task definition
 * file, so the file is readable by the runner user only.
 */
export async function writeRenderedTaskDefinition(
  input: RegisterTaskDefinitionCommandInput,
  directory: string
): Promise<string> {
  const safeFamily = (input.family ?? 'task').replace(/[^A-Za-z0-9_-]/g, '_')
  const path = join(directory, `task-definition-${safeFamily}-${randomUUID()}.json`)
  await writeFile(path, `${JSON.stringify(input, null, 2)}\n`, { mode: 0o600 })
  return path
}
