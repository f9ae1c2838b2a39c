import type { Agent } from 'node:http'

/**
 * The proxy the runner's environment names for `target`, read as the runner reads it
 * (https://docs.github.com/en/actions/hosting-your-own-runners/managing-self-hosted-runners/using-a-proxy-server-with-self-hosted-runners):
 * `https_proxy` for an https URL, `http_proxy` for an http one, lower case before upper
 * case. None for a loopback host, nor for a host that `no_proxy` names: an entry covers the
 * host and its subdomains (`.example.com` only the subdomains, `*` every host) and, with a
 * port, only that port. Bare entries cover subdomains, as the runner and curl read them;
 * proxy-from-env would match them exactly, which is why the rule is written out here.
 */
export function proxyFor(target: URL, env: NodeJS.ProcessEnv = process.env): URL | undefined {
  const scheme = target.protocol === 'https:' ? 'https' : 'http'
  const proxy = env[`${scheme}_proxy`] || env[`${scheme.toUpperCase()}_PROXY`]
  if (!proxy || isLoopback(target.hostname) || bypassed(target, env)) return undefined
  return new URL(proxy.includes('://') ? proxy : `http://${proxy}`)
}

/**
 * An agent that tunnels every connection to `target` through its proxy with CONNECT, for
 * http and https alike, as the runner's toolkit does; undefined when no proxy applies, so a
 * run that needs none never loads one.
 */
export async function proxyAgentFor(target: URL): Promise<Agent | undefined> {
  const proxy = proxyFor(target)
  if (!proxy) return undefined
  const { HttpsProxyAgent } = await import('https-proxy-agent')
  return new HttpsProxyAgent(proxy, { keepAlive: true })
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname.startsWith('127.') || hostname === '[::1]'
}

function bypassed(target: URL, env: NodeJS.ProcessEnv): boolean {
  const host = target.hostname.toLowerCase()
  const port = target.port || (target.protocol === 'https:' ? '443' : '80')
  return (env.no_proxy || env.NO_PROXY || '')
    .split(',')
    .map(entry => entry.trim().toLowerCase())
    .some(entry => {
      if (entry === '*') return true
      const [, name = entry, entryPort] = /^(.+?)(?::(\d+))?$/.exec(entry) ?? []
      if (!name || (entryPort !== undefined && entryPort !== port)) return false
      return name.startsWith('.') ? host.endsWith(name) : host === name || host.endsWith(`.${name}`)
    })
}
