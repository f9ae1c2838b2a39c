import { describe, expect, it } from '@jest/globals'
import { proxyFor } from '../../src/net/proxy.js'

const PROXY = 'http://proxy.corp:3128'
const proxied = (url: string, env: NodeJS.ProcessEnv): string | undefined =>
  proxyFor(new URL(url), env)?.href

describe('proxyFor', () => {
  it('takes https_proxy for https URLs and http_proxy for http URLs', () => {
    const env = { https_proxy: PROXY, http_proxy: 'http://plain.corp:8080' }
    expect(proxied('https://api.github.com', env)).toBe(`${PROXY}/`)
    expect(proxied('http://ghes.corp', env)).toBe('http://plain.corp:8080/')
    expect(proxied('http://ghes.corp', { https_proxy: PROXY })).toBeUndefined()
  })

  it('reads the lower-case variable before the upper-case one', () => {
    expect(proxied('https://api.github.com', { HTTPS_PROXY: PROXY })).toBe(`${PROXY}/`)
    expect(
      proxied('https://api.github.com', { https_proxy: PROXY, HTTPS_PROXY: 'http://other:1' })
    ).toBe(`${PROXY}/`)
  })

  it('reads a proxy given without a scheme as an http proxy', () => {
    expect(proxied('https://api.github.com', { https_proxy: 'proxy.corp:3128' })).toBe(`${PROXY}/`)
  })

  it.each(['localhost', '127.0.0.1', '127.1.2.3', '[::1]'])(
    'goes straight to the loopback host %s',
    host => {
      expect(proxied(`https://${host}:8443`, { https_proxy: PROXY })).toBeUndefined()
    }
  )

  it.each([
    ['a host no_proxy names', 'api.github.com', 'https://api.github.com'],
    ['the subdomains of a host no_proxy names', 'github.com', 'https://api.github.com'],
    ['subdomains only, for a leading dot', '.github.com', 'https://api.github.com'],
    ['a host named in another case', 'API.GitHub.com', 'https://api.github.com'],
    [
      'a host named in a list with spaces',
      'corp.internal, amazonaws.com',
      'https://ecs.eu-west-1.amazonaws.com'
    ],
    ['a host on the port its entry names', 'ghes.corp:8443', 'https://ghes.corp:8443'],
    ['a host on the default port its entry names', 'ghes.corp:443', 'https://ghes.corp'],
    ['every host, for *', '*', 'https://api.github.com']
  ])('goes straight to %s', (_, noProxy, url) => {
    expect(proxied(url, { https_proxy: PROXY, no_proxy: noProxy })).toBeUndefined()
    expect(proxied(url, { https_proxy: PROXY, NO_PROXY: noProxy })).toBeUndefined()
  })

  it.each([
    ['another host', 'ghes.corp', 'https://api.github.com'],
    ['a host that only ends like the entry', 'hub.com', 'https://api.github.com'],
    ['the domain itself, for a leading dot', '.github.com', 'https://github.com'],
    ['another port', 'ghes.corp:8443', 'https://ghes.corp']
  ])('goes through the proxy to %s', (_, noProxy, url) => {
    expect(proxied(url, { https_proxy: PROXY, no_proxy: noProxy })).toBe(`${PROXY}/`)
  })
})
