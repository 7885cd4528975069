/**
 * Bytes to base64 for the API's file fields, in slices: spreading a whole file into String.fromCharCode overflows
 * the call stack beyond about 100 KB, and one big loop would freeze the window on a large file. Reports how far it
 * got and yields to the event loop now and then, so progress can be drawn.
 */
export async function toBase64(bytes: Uint8Array, onBytes: (done: number) => void = () => {}): Promise<string> {
  let b64 = ''
  // 3 × 0x8000: slices on a multiple of 3 bytes keep the base64 pieces joinable.
  const step = 3 * 0x8000
  for (let i = 0; i < bytes.length; i += step) {
    let bin = ''
    const part = bytes.subarray(i, i + step)
    for (let j = 0; j < part.length; j += 0x8000) bin += String.fromCharCode(...part.subarray(j, j + 0x8000))
    b64 += btoa(bin)
    onBytes(Math.min(bytes.length, i + step))
    if (i % (step * 32) === 0) await new Promise((r) => setTimeout(r, 0))
  }
  return b64
}
