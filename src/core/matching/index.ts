export * from './types'
export * from './keys'
export * from './ladder'
export * from './fingerprint'
