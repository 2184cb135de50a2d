/** Finds a Chromium to drive (Debian's `chromium` package); none → browser tests skip and say so. */
/// <reference types="node" />
import { existsSync } from 'node:fs';

const candidates = [
  process.env.CHROMIUM_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
];

export const chromiumPath: string | undefined = candidates.find((p): p is string => !!p && existsSync(p));

/** Flags for a headless, offline, root-safe Chromium. */
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
