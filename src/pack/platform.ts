import type { PlatformChoice } from './source.js';

const GO_ARCH: Record<string, string> = { x64: 'amd64', arm64: 'arm64', arm: 'arm', ia32: '386', ppc64: 'ppc64le', s390x: 's390x', riscv64: 'riscv64' };

/** The build machine's platform in OCI terms (Node says x64, images say amd64). */
export function hostPlatform(): PlatformChoice {
  const architecture = GO_ARCH[process.arch] ?? process.arch;
  const variant = architecture === 'arm' ? `v${(process.config.variables as { arm_version?: string }).arm_version ?? '7'}` : undefined;
  return { architecture, variant };
}

export interface PlatformSpec {
  architecture?: string;
  os?: string;
  variant?: string;
}

export function describePlatform(p: PlatformSpec | undefined): string {
  if (!p) return 'unknown';
  return [p.os ?? 'linux', p.architecture ?? '?', p.variant].filter(Boolean).join('/');
}

export function matchesPlatform(p: PlatformSpec | undefined, want: PlatformChoice): boolean {
  if (!p || (p.os !== undefined && p.os !== 'linux')) return false;
  if (p.architecture !== want.architecture) return false;
  return want.variant === undefined || p.variant === undefined || p.variant === want.variant;
}
