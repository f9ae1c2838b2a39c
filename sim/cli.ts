/**
 * Runs the simulator until SIGINT/SIGTERM, printing the environment to export and one line
 * per call and per deployment transition. Compiled with tsc to build/sim/cli.js.
 */
import { environmentLines, formatCall, formatTransition, parseCliArgs, USAGE } from './cli-args.js'
import { startSimulator } from './simulator.js'

async function main(): Promise<void> {
  let options
  try {
    options = parseCliArgs(process.argv.slice(2))
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error))
    console.error(USAGE)
    process.exit(2)
  }
  if (options.help) {
    console.log(USAGE)
    return
  }
  const sim = await startSimulator({
    seed: options.seed,
    port: options.port,
    timing: { stageMs: options.stageMs, minuteMs: options.minuteMs }
  })
  console.log(`ECS simulator listening on ${sim.url}`)
  for (const line of environmentLines(sim.url, sim.region)) console.log(line)
  console.log(`# which revision serves a request at each hop (sim/README.md, "Request routing"):`)
  console.log(`# curl '${sim.url}/_sim/route?service=<name>&header=<name>:<value>'`)
  sim.onCall(call => console.log(formatCall(call)))
  sim.onTransition(transition => console.log(formatTransition(transition)))
  const stop = () => {
    void sim.close().then(() => process.exit(0))
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error))
  process.exit(1)
})
