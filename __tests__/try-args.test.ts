import { describe, expect, it } from '@jest/globals'
import { actionInputNames } from '../scripts/runner.js'
import { parseTryArgs, parseWith, TryArgsError } from '../scripts/try-args.js'

const INPUTS = actionInputNames()
const parse = (...argv: string[]) => parseTryArgs(argv, '/home/me/shop', INPUTS)

describe('parseTryArgs', () => {
  it('reads the seed, the task definition and the inputs, paths from where npm was run', () => {
    expect(
      parse(
        '--seed',
        'ops/services.yaml',
        '--task-definition',
        '/abs/taskdef.json',
        '--with',
        'container-name=app,image=registry/app:2'
      )
    ).toEqual({
      seed: '/home/me/shop/ops/services.yaml',
      taskDefinition: '/abs/taskdef.json',
      inputs: { 'container-name': 'app', image: 'registry/app:2' },
      out: '/home/me/shop/try-output',
      stageMs: 1000,
      minuteMs: 2000,
      help: false
    })
  })

  it('takes --flag=value as well, and --with more than once', () => {
    const options = parse(
      '--out=../preview',
      '--with=service=payments',
      '--with',
      'strategy=CANARY',
      '--then=promote',
      '--stage-ms=200'
    )
    expect(options).toMatchObject({
      out: '/home/me/preview',
      inputs: { service: 'payments', strategy: 'CANARY' },
      then: 'promote',
      stageMs: 200
    })
  })

  it('says what is wrong with a flag, and what was probably meant', () => {
    const error = (...argv: string[]) => {
      try {
        parse(...argv)
      } catch (thrown) {
        expect(thrown).toBeInstanceOf(TryArgsError)
        return (thrown as Error).message
      }
      throw new Error('no error')
    }
    expect(error('--seeds', 'x.yaml')).toBe('Unknown option --seeds (did you mean --seed?).')
    expect(error('-seed', 'x.yaml')).toBe('Unknown option -seed (did you mean --seed?).')
    expect(error('image=app:2')).toBe(
      "Unexpected argument 'image=app:2': inputs go after --with, e.g. --with image=app:2."
    )
    expect(error('--seed')).toBe('--seed needs a value.')
    expect(error('--seed', '--with', 'image=x')).toBe('--seed needs a value.')
    expect(error('--then', 'approve')).toBe("--then must be promote or rollback, not 'approve'.")
    expect(error('--minute-ms', '0.5')).toBe(
      "--minute-ms must be a whole number of milliseconds, not '0.5'."
    )
    expect(error('--with', 'image=a', '--with', 'image=b')).toBe("Input 'image' is given twice.")
    expect(error('--with', 'task-definition=taskdef.json')).toContain(
      'Give the task definition file as --task-definition FILE'
    )
  })

  it('gives an input of one item per line a line each time it is given', () => {
    expect(
      parse('--with', 'images=app=a:2,images=proxy=p:5', '--with', 'environment-variables=A=1,B')
        .inputs
    ).toEqual({ images: 'app=a:2\nproxy=p:5', 'environment-variables': 'A=1,B' })
  })

  it('asks for nothing else with --help', () => {
    expect(parse('--help').help).toBe(true)
  })
})

describe('parseWith', () => {
  it('starts an input only at a comma followed by an input name and =', () => {
    expect(
      parseWith(
        'pause-at=POST_TEST_TRAFFIC_SHIFT,PRE_PRODUCTION_TRAFFIC_SHIFT, wait-until=paused',
        INPUTS
      )
    ).toEqual([
      ['pause-at', 'POST_TEST_TRAFFIC_SHIFT,PRE_PRODUCTION_TRAFFIC_SHIFT'],
      ['wait-until', 'paused']
    ])
    const hooks = '[{"targetType":"PAUSE","lifecycleStages":["POST_SCALE_UP"]}]'
    expect(parseWith(`lifecycle-hooks=${hooks},image=a=b`, INPUTS)).toEqual([
      ['lifecycle-hooks', hooks],
      ['image', 'a=b']
    ])
    // `image=` inside a value is not `images=`: the longer name is tried first.
    expect(parseWith('images=app=a:1,images=x', INPUTS)).toEqual([
      ['images', 'app=a:1'],
      ['images', 'x']
    ])
  })

  it('names an input the action does not have, with the one probably meant', () => {
    expect(() => parseWith('contianer-name=app', INPUTS)).toThrow(
      "'contianer-name' is not an input of the action (did you mean 'container-name'?); its inputs are command, "
    )
    expect(() => parseWith('service', INPUTS)).toThrow("--with expects name=value, got 'service'.")
  })
})
