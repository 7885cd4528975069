import type { Rect, Virtualizer } from '@tanstack/react-virtual'

/**
 * Browsers cap an element's height (Chromium near 33.5 million px, Firefox near 17.9 million), and a
 * million rows at 30 px is past that. So the real scroll area is at most MAX_REAL_PX tall and this
 * adapter shows the virtualizer a scroll element of the full virtual height, mapping offsets by the
 * ratio of the two. Below the cap the ratio is 1 and nothing changes.
 */
export const MAX_REAL_PX = 8_000_000

export class ScaledScrollElement {
  constructor(
    readonly el: HTMLElement,
    private readonly virtualHeight: () => number
  ) {}

  /** Virtual pixels per real pixel of scrolling. */
  get ratio(): number {
    const real = this.el.scrollHeight - this.el.clientHeight
    const virt = this.virtualHeight() - this.el.clientHeight
    return real > 0 && virt > real ? virt / real : 1
  }
  get scrollTop(): number {
    return this.el.scrollTop * this.ratio
  }
  get scrollLeft(): number {
    return this.el.scrollLeft
  }
  get scrollHeight(): number {
    return Math.max(this.virtualHeight(), this.el.clientHeight)
  }
  get scrollWidth(): number {
    return this.el.scrollWidth
  }
  get clientHeight(): number {
    return this.el.clientHeight
  }
  get clientWidth(): number {
    return this.el.clientWidth
  }
  get ownerDocument(): Document {
    return this.el.ownerDocument
  }
  scrollTo(opts: ScrollToOptions): void {
    this.el.scrollTo({ ...opts, top: opts.top === undefined ? undefined : opts.top / this.ratio })
  }
  addEventListener(type: string, fn: EventListener, o?: AddEventListenerOptions): void {
    this.el.addEventListener(type, fn, o)
  }
  removeEventListener(type: string, fn: EventListener): void {
    this.el.removeEventListener(type, fn)
  }
}

/** The viewport size comes from the real element (a ResizeObserver cannot watch the adapter). */
export function observeScaledRect(instance: Virtualizer<Element, Element>, cb: (rect: Rect) => void): () => void {
  const el = (instance.scrollElement as unknown as ScaledScrollElement | null)?.el
  if (!el) return () => {}
  const report = () => cb({ width: el.clientWidth, height: el.clientHeight })
  report()
  const ro = new ResizeObserver(report)
  ro.observe(el)
  return () => ro.disconnect()
}
