/**
 * `npm run try -- --seed services.yaml --task-definition taskdef.json --with name=value,…`:
 * your own service released by the bundled action on the embedded simulator, and what GitHub
 * would show of it written as files (scripts/try-release.ts; `--help` lists the flags).
 */
import { actionInputNames } from './runner.js'
import { parseTryArgs, TryArgsError, USAGE } from './try-args.js'
import { tryRelease, TrySetupError } from './try-release.js'

async function main(): Promise<number> {
  // npm runs scripts in the package's directory; INIT_CWD is where the user ran it.
  const cwd = process.env.INIT_CWD ?? process.cwd()
  const options = parseTryArgs(process.argv.slice(2), cwd, actionInputNames())
  if (options.help) {
    console.log(USAGE)
    return 0
  }
  return (await tryRelease(options)).exitCode
}

main().then(
  code => process.exit(code),
  (error: unknown) => {
    if (error instanceof TryArgsError || error instanceof TrySetupError) {
      console.error(`npm run try: ${error.message}`)
      if (error instanceof TryArgsError) console.error('Run npm run try -- --help for the flags.')
      process.exit(2)
    }
    console.error(error)
    process.exit(1)
  }
)
