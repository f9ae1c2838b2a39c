/** An error the simulator answers on the wire as `{"__type": type, "message": message}`. */
export class EcsError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly httpStatus: number = 400
  ) {
    super(message)
    this.name = type
  }
}

export const invalidParameter = (message: string): EcsError =>
  new EcsError('InvalidParameterException', message)

export const clientException = (message: string): EcsError =>
  new EcsError('ClientException', message)

/** IAM's wording when no policy allows an action (the denyTagging scenario). */
export const accessDenied = (caller: string, action: string, resource: string): EcsError =>
  new EcsError(
    'AccessDeniedException',
    `User: ${caller} is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`
  )
