import { createServer } from 'node:http'
import { connect, type AddressInfo, type Socket } from 'node:net'

/**
 * The HTTP proxy of a self-hosted runner's network, on 127.0.0.1: it tunnels CONNECT
 * requests (all the action's proxy agent sends, for http and https alike) to `upstream`
 * whatever host they name, so a test can give the action a hostname only the proxy can
 * reach. Anything else is answered 501.
 */
export interface FakeProxy {
  url: string
  /** The authority (host:port) each tunnel was asked for, in order. */
  requests: string[]
  close(): Promise<void>
}

export async function startFakeProxy(upstream: { host: string; port: number }): Promise<FakeProxy> {
  const requests: string[] = []
  const sockets = new Set<Socket>()
  const server = createServer((_request, response) => response.writeHead(501).end())
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
