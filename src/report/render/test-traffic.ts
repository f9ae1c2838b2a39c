import { outcomeOf, type Release, type TestTrafficRoute } from '../../model/release.js'
import { code, fencedBlock, shellWord } from './escape.js'

/** Endpoints shown; a service with many client aliases gets the first few. */
const MAX_ENDPOINTS = 3

/**
 * While a release is paused for approval, how to try the new revision: the Service Connect
 * test traffic header and a `curl -H` per endpoint, to run from a task in the namespace.
 * Undefined when the release is not paused or sends no test traffic by header.
 */
export function testTrafficBlock(release: Release): string | undefined {
  const route = release.testTraffic
  if (!route || outcomeOf(release) !== 'paused') return undefined
  const header = headerMarkdown(route)
  const commands = curlCommands(route)
  const intro =
    `**Test traffic:** requests with header ${header} reach the new revision` +
    (commands.length > 0 ? '; from a task in the Service Connect namespace:' : '.')
  return commands.length > 0 ? `${intro}\n\n${fencedBlock(commands.join('\n'), 'sh')}` : intro
}

/**
 * `curl -H 'x-canary: green' http://web.demo.local:80/`, a command per endpoint. For ECS's
 * default header, whose match value is not documented, the value is left for the reader.
 */
export function curlCommands(route: TestTrafficRoute): string[] {
  const header = `${route.header}: ${route.value ?? '<value>'}`
  return route.endpoints
    .slice(0, MAX_ENDPOINTS)
    .map(endpoint => `curl -H ${shellWord(header)} ${shellWord(endpoint)}`)
}

/**
 * `<code>x-canary: green</code>`; for ECS's default header, whose match value ECS does not
 * document, the name and a note that the curl examples leave the value to the reader.
 */
export function headerMarkdown(route: TestTrafficRoute): string {
  return route.value === undefined
    ? `${code(route.header)} (ECS's default header; ECS does not document the value it matches, so the examples show ${code('<value>')})`
    : code(`${route.header}: ${route.value}`)
}
