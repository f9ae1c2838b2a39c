import * as core from '@actions/core'
import { getInputs } from './inputs.js'

export async function run(): Promise<void> {
  try {
    const inputs = getInputs(name => core.getInput(name))
    core.info(`command: ${inputs.command}`)
  } catch (error) {
    core.setFailed(error instanceof Error ? error.message : String(error))
  }
}
