import { expect, test } from '@jest/globals'
import { Arns } from '../../../sim/ids.js'
import { LogStore } from '../../../sim/logs/store.js'

test('a group is created once; streams appear on first write, events keep their order', () => {
  const store = new LogStore(new Arns('eu-west-1', '111122223333'))
  const group = store.createGroup('/ecs/web', 1000)
  expect(store.createGroup('/ecs/web', 2000)).toBe(group)
  expect(group.arn).toBe('arn:aws:logs:eu-west-1:111122223333:log-group:/ecs/web')
  store.append(group, 'ecs/app/1', ['first', 'second'], 5000)
  store.append(group, 'ecs/app/1', ['third'], 5000)
  expect(group.streams.get('ecs/app/1')?.events).toEqual([
    { timestamp: 5000, message: 'first', ingestionTime: 5000 },
    { timestamp: 5001, message: 'second', ingestionTime: 5001 },
    { timestamp: 5000, message: 'third', ingestionTime: 5000 }
  ])
})
