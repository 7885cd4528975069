import { fork, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { fontsFolder } from './fonts'
import { renderPdf } from './render'
import { templateElement, type TemplateJob } from './templates'

/**
 * A small pool of render processes for batch exports. @react-pdf is single-threaded CPU work (~30 ms a
 * page), so one process tops out near the 30 pages/s target; two processes on two cores clear it.
 * Workers start on first use, stay warm between exports (the font is parsed once per worker) and exit
 * after a quiet spell. If a worker cannot be started, rendering falls back to this process.
 */

const IDLE_MS = 30_000

interface WorkerScript {
  path: string
  execArgv: string[]
  env: Record<string, string>
}

/** A busy worker keeps the parent alive until its answer arrives; an idle one must not keep the CLI or a test run alive. */
function hold(slot: { child: ChildProcess }, busy: boolean): void {
  const channel = slot.child.channel as { ref?: () => void; unref?: () => void } | undefined | null
  if (busy) {
    slot.child.ref()
    channel?.ref?.()
  } else {
    slot.child.unref()
    channel?.unref?.()
  }
}

function findUp(start: string, rel: string, levels = 6): string | null {
  let dir = start
  for (let i = 0; i < levels; i++) {
    if (existsSync(join(dir, rel))) return join(dir, rel)
    dir = resolve(dir, '..')
  }
  return null
}

/** The built worker (out/main/render-worker.js) or, in development and tests, the source run through tsx. */
export function workerScript(): WorkerScript | null {
  const here = dirname(fileURLToPath(import.meta.url))
  // React and the reconciler run their development builds unless told otherwise: about 25 % slower.
  // The font folder is resolved here: a worker run as plain Node inside Electron has no resourcesPath.
  const env = { NODE_ENV: process.env.NODE_ENV ?? 'production', FACTORDESK_FONTS: fontsFolder() }
  const built = findUp(here, 'render-worker.js', 3)
  if (built) return { path: built, execArgv: [], env }
  const source = join(here, 'render-worker.ts')
  if (!existsSync(source)) return null
  const tsconfig = findUp(here, 'tsconfig.node.json')
  return { path: source, execArgv: ['--import', 'tsx'], env: { ...env, ...(tsconfig ? { TSX_TSCONFIG_PATH: tsconfig } : {}) } }
}

interface Pending {
  resolve(pdf: Buffer): void
  reject(e: Error): void
}

interface Slot {
  child: ChildProcess
  busy: boolean
  pending: Map<number, Pending>
}

export interface RenderPool {
  readonly size: number
  render(job: TemplateJob): Promise<Buffer>
  /** Documents rendered by the workers so far and the CPU time they took. */
  stats(): { jobs: number; cpuMs: number }
  close(): void
}

export function createRenderPool(size = 2, script: WorkerScript | null = workerScript()): RenderPool {
  let slots: Slot[] = []
  const queue: { job: TemplateJob; p: Pending }[] = []
  let nextId = 1
  let idle: NodeJS.Timeout | null = null
  let broken = script === null
  const totals = { jobs: 0, cpuMs: 0 }

  function start(): void {
    if (slots.length > 0 || broken || !script) return
    for (let i = 0; i < size; i++) {
      try {
        const child = fork(script.path, [], { execArgv: script.execArgv, env: { ...process.env, ...script.env }, serialization: 'advanced', stdio: ['ignore', 'ignore', 'inherit', 'ipc'] })
        const slot: Slot = { child, busy: false, pending: new Map() }
        child.on('message', (m: { id?: number; ok?: boolean; pdf?: Uint8Array; error?: string; cpuMs?: number }) => {
          if (m.id === undefined) return
          if (m.ok) (totals.jobs += 1), (totals.cpuMs += m.cpuMs ?? 0)
          const p = slot.pending.get(m.id)
          slot.pending.delete(m.id)
          slot.busy = false
          hold(slot, false)
          if (p) m.ok ? p.resolve(Buffer.from(m.pdf!)) : p.reject(new Error(m.error))
          pump()
        })
        child.on('exit', () => {
          slots = slots.filter((s) => s !== slot)
          for (const p of slot.pending.values()) p.reject(new Error('the PDF render worker stopped unexpectedly'))
          slot.pending.clear()
          if (slots.length === 0) drainInProcess()
        })
        child.on('error', () => {
          broken = true
        })
        hold(slot, false)
        slots.push(slot)
      } catch {
        broken = true
      }
    }
  }

  function drainInProcess(): void {
    while (queue.length) {
      const { job, p } = queue.shift()!
      renderPdf(templateElement(job)).then(p.resolve, p.reject)
    }
  }

  function pump(): void {
    if (idle) clearTimeout(idle)
    for (const slot of slots) {
      if (slot.busy || queue.length === 0) continue
      const { job, p } = queue.shift()!
      const id = nextId++
      slot.busy = true
      hold(slot, true)
      slot.pending.set(id, p)
      slot.child.send({ id, job })
    }
    if (queue.length === 0 && slots.every((s) => !s.busy)) {
      idle = setTimeout(close, IDLE_MS)
      idle.unref()
    }
  }

  function close(): void {
    if (idle) clearTimeout(idle)
    for (const s of slots) s.child.kill()
    slots = []
  }

  return {
    size,
    render(job) {
      return new Promise<Buffer>((res, rej) => {
        queue.push({ job, p: { resolve: res, reject: rej } })
        start()
        if (slots.length === 0) drainInProcess()
        else pump()
      })
    },
    stats: () => ({ ...totals }),
    close
  }
}
