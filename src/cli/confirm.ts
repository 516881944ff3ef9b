import { createInterface } from 'node:readline/promises'

/** Asks a yes/no question on the terminal; true only for an answer of "yes" or "y". */
export async function confirmOnTerminal(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr })
  try {
    return /^(y|yes)$/i.test((await rl.question(`${question} [y/N] `)).trim())
  } finally {
    rl.close()
  }
}
