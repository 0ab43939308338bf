import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import puppeteer, { type Browser } from 'puppeteer-core'

/** Debian's Chromium, the version these tests were written against; any other is tried after it. */
export const CHROMIUM_VERSION = '156.0.8078.114-1~deb12u1'
const CHROMIUM = '/usr/bin/chromium'

/**
 * Debian's chromium package, installed when missing (the tests run as root
 * on a Debian machine whose package registry is reachable; browser
 * downloads are not). The pinned version first, then whatever the
 * registry has, since Debian replaces versions with security updates.
 */
export function ensureChromium(): string {
  if (existsSync(CHROMIUM)) return CHROMIUM
  const apt = (args: string[]): void => {
    execFileSync('apt-get', args, {
      stdio: 'pipe',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
    })
  }
  apt(['update', '-qq'])
  try {
    apt(['install', '-y', '-qq', '--no-install-recommends', `chromium=${CHROMIUM_VERSION}`])
  } catch {
    apt(['install', '-y', '-qq', '--no-install-recommends', 'chromium'])
  }
  if (!existsSync(CHROMIUM))
    throw new Error(`apt-get installed chromium, but ${CHROMIUM} is missing`)
  return CHROMIUM
}

/** Headless Chromium with no network: every request other than file:// is refused by the browser itself. */
export async function launchOffline(): Promise<Browser> {
  return puppeteer.launch({
    executablePath: ensureChromium(),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--proxy-server=127.0.0.1:9',
      '--proxy-bypass-list=<-loopback>'
    ]
  })
}
