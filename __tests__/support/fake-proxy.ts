import { createServer, request as forward } from 'node:http'
import { connect, type AddressInfo, type Socket } from 'node:net'

/**
 * The HTTP proxy of a self-hosted runner's network, on 127.0.0.1: it tunnels CONNECT
 * requests (what undici's ProxyAgent sends, for http and https alike) and forwards
 * absolute-URI requests, both to `upstream` whatever host they name, so a test can give
 * the action a hostname only the proxy can reach.
 */
export interface FakeProxy {
  url: string
  /** The authority (host:port) of every request it carried, in order. */
  requests: string[]
  close(): Promise<void>
}

export async function startFakeProxy(upstream: { host: string; port: number }): Promise<FakeProxy> {
  const requests: string[] = []
  const sockets = new Set<Socket>()
  const server = createServer((request, response) => {
    const target = new URL(request.url ?? '/')
    requests.push(target.host)
    const upstreamRequest = forward(
      {
        ...upstream,
        method: request.method,
        path: target.pathname + target.search,
        headers: request.headers
      },
      answer => {
        response.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(response)
      }
    )
    upstreamRequest.on('error', () => response.destroy())
    request.pipe(upstreamRequest)
  })
  server.on('connect', (request, client: Socket, head: Buffer) => {
    requests.push(request.url ?? '')
    sockets.add(client)
    const tunnel = connect(upstream.port, upstream.host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      tunnel.write(head)
      tunnel.pipe(client)
      client.pipe(tunnel)
    })
    sockets.add(tunnel)
    const end = () => {
      client.destroy()
      tunnel.destroy()
    }
    tunnel.on('error', end)
    client.on('error', end)
    client.on('close', () => sockets.delete(client))
    tunnel.on('close', () => sockets.delete(tunnel))
  })
  await new Promise<void>(listening => server.listen(0, '127.0.0.1', listening))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise(closed => {
        for (const socket of sockets) socket.destroy()
        server.closeAllConnections()
        server.close(() => closed())
      })
  }
}
