/**
 * The HTTP side: one awsJson1_1 endpoint on 127.0.0.1 for ECS and CloudWatch Logs that accepts
 * POSTs on any path, applies faults, hands the operation to `dispatch` and records every request.
 */
import { randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { type ControlAnswer, CONTROL_PREFIX } from './control-endpoint.js'
import { EcsError } from './errors.js'
import type { FaultInjector, FaultKind } from './faults.js'
import {
  CONTENT_TYPE,
  encodeBody,
  encodeError,
  type JsonObject,
  parseRequestBody,
  parseTarget,
  type ServiceName
} from './protocol.js'
import type { Scheduler } from './scheduler.js'

const MAX_BODY_BYTES = 10 * 1024 * 1024

export interface RecordedCall {
  /** The service the x-amz-target names (absent when it names none answered here). */
  service?: ServiceName
  /** The x-amz-target operation, or "" when the request named none. */
  operation: string
  /** The parsed request body (undefined when it was not JSON). */
  input: unknown
  /** Date.now() when the request arrived. */
  at: number
  /** "ok", the error name answered, or "fault:<kind>" for an injected fault. */
  outcome: string
  requestId: string
  /** The access key id the request was signed with (SigV4 Credential=…), as CloudTrail shows it. */
  accessKeyId?: string
  /** Enum values in the request that the installed SDK does not document (ECS may know them). */
  warnings?: string[]
}

export interface HttpServerOptions {
  port: number
  /** Answer requests without an authorization header with MissingAuthenticationTokenException. */
  requireAuth: boolean
  faults: FaultInjector
  scheduler: Scheduler
  /** Answers the operation; adds to `warnings` what the call record should mention. */
  dispatch: (
    target: { service: ServiceName; operation: string },
    input: JsonObject,
    warnings: string[]
  ) => unknown
  onCall: (call: RecordedCall) => void
  onError: (error: unknown) => void
  /** Answers GET requests under /_sim/ (control-endpoint.ts); they are no AWS calls. */
  control?: (url: URL) => ControlAnswer
}

export interface HttpServer {
  port: number
  close(): Promise<void>
}

const FAULT_ERRORS: Record<Exclude<FaultKind, 'drop' | 'lost-response'>, EcsError> = {
  throttle: new EcsError('ThrottlingException', 'Rate exceeded'),
  'server-error': new EcsError(
    'ServerException',
    'Service Unavailable. Please try again later.',
    500
  )
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    request.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY_BYTES) request.destroy(new Error('request body too large'))
      else chunks.push(chunk)
    })
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    request.on('error', reject)
  })
}

function send(
  response: ServerResponse,
  requestId: string,
  status: number,
  body: string,
  errorType?: string
): void {
  response.writeHead(status, {
    'content-type': CONTENT_TYPE,
    'content-length': Buffer.byteLength(body),
    'x-amzn-requestid': requestId,
    ...(errorType ? { 'x-amzn-errortype': errorType } : {})
  })
  response.end(body)
}

function bodyForRecord(text: string): unknown {
  try {
    return parseRequestBody(text)
  } catch {
    return undefined
  }
}

async function handle(
  options: HttpServerOptions,
  request: IncomingMessage,
  response: ServerResponse
): Promise<void> {
  const at = Date.now()
  const requestId = randomUUID()
  const url = new URL(request.url ?? '/', 'http://127.0.0.1')
  if (options.control && request.method === 'GET' && url.pathname.startsWith(CONTROL_PREFIX)) {
    const answer = options.control(url)
    const body = JSON.stringify(answer.body)
    response.writeHead(answer.status, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body)
    })
    response.end(body)
    return
  }
  const text = await readBody(request)
  const target = request.headers['x-amz-target']
  const named = parseTarget(typeof target === 'string' ? target : undefined)
  const operation = named?.operation
  const accessKeyId = /Credential=([^/,\s]+)\//.exec(request.headers.authorization ?? '')?.[1]
  const warnings: string[] = []
  const record = (outcome: string) =>
    options.onCall({
      ...(named && { service: named.service }),
      operation: operation ?? '',
      input: bodyForRecord(text),
      at,
      outcome,
      requestId,
      ...(accessKeyId && { accessKeyId }),
      ...(warnings.length > 0 && { warnings })
    })

  const fault = options.faults.decide(operation)
  if (fault.delayMs > 0) await options.scheduler.sleep('http', fault.delayMs)
  if (fault.kind === 'drop') {
    record('fault:drop')
    request.socket.destroy()
    return
  }
  if (fault.kind && fault.kind !== 'lost-response') {
    const error = FAULT_ERRORS[fault.kind]
    send(response, requestId, error.httpStatus, encodeError(error), error.type)
    record(`fault:${fault.kind}`)
    return
  }
  try {
    if (options.requireAuth && !request.headers.authorization) {
      throw new EcsError('MissingAuthenticationTokenException', 'Missing Authentication Token')
    }
    if (!named) {
      throw new EcsError(
        'UnknownOperationException',
        `Unknown operation: ${String(target ?? '(no x-amz-target)')}`
      )
    }
    const result = options.dispatch(named, parseRequestBody(text), warnings)
    if (fault.kind === 'lost-response') {
      // It happened; the client just never hears so.
      record('fault:lost-response')
      request.socket.destroy()
      return
    }
    send(response, requestId, 200, encodeBody(result ?? {}))
    record('ok')
  } catch (thrown) {
    if (!(thrown instanceof EcsError)) options.onError(thrown)
    const error =
      thrown instanceof EcsError
        ? thrown
        : new EcsError('ServerException', `Simulator failure: ${String(thrown)}`, 500)
    send(response, requestId, error.httpStatus, encodeError(error), error.type)
    record(error.type)
  }
}

export async function startHttpServer(options: HttpServerOptions): Promise<HttpServer> {
  const server = createServer((request, response) => {
    handle(options, request, response).catch((error: unknown) => {
      options.onError(error)
      request.socket.destroy()
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, '127.0.0.1', () => resolve())
  })
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>(resolve => {
        server.close(() => resolve())
        // Keep-alive sockets of SDK clients would otherwise hold close() open.
        server.closeAllConnections()
      })
  }
}
