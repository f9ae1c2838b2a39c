import { jest } from '@jest/globals'

// End-to-end releases run the bundle against the simulator in real time.
jest.setTimeout(60_000)
