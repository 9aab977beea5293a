import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { Storage } from '../../src/state/storage.ts';

const TMPFS_MAGIC = 0x01021994;

/** A pid no process has: one of a child that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(child.stdout.toString());
}

describe('state: ephemeral instances', () => {
  it('keep their files in RAM when the machine has a RAM file system with room, in the temp dir otherwise', (t) => {
    const storage = new Storage({ ephemeral: true });
    try {
      const base = dirname(storage.root);
      let ram: { type: number; free: number } | undefined;
      try {
        const fs = statfsSync('/dev/shm');
        ram = { type: fs.type, free: fs.bavail * fs.bsize };
      } catch {
        ram = undefined;
      }
      if (ram?.type === TMPFS_MAGIC && ram.free >= 5 * 1024 ** 3) {
        assert.equal(base, '/dev/shm');
        assert.equal(statfsSync(storage.root).type, TMPFS_MAGIC);
      } else if (!ram || ram.type !== TMPFS_MAGIC || ram.free < 3 * 1024 ** 3) {
        assert.equal(base, tmpdir());
      } else {
        t.skip('the RAM file system is near the threshold');
      }
      assert.equal(readFileSync(join(storage.root, '.stratus-owner'), 'utf8'), String(process.pid));
    } finally {
      storage.close();
    }
    assert.equal(existsSync(storage.root), false, 'removed on close');
  });

  it('remove what killed instances left, and nothing else', () => {
    const probe = new Storage({ ephemeral: true });
    const base = dirname(probe.root);
    probe.close();
    const made = (name: string, owner?: string) => {
      const dir = join(base, name);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'body'), 'x');
      if (owner !== undefined) writeFileSync(join(dir, '.stratus-owner'), owner);
      return dir;
    };
    const suffix = `${process.pid}-${Date.now()}`;
    const abandoned = made(`stratus-test-abandoned-${suffix}`, String(deadPid()));
    const live = made(`stratus-test-live-${suffix}`, String(process.pid));
    const foreign = made(`stratus-test-foreign-${suffix}`);
    const garbled = made(`stratus-test-garbled-${suffix}`, 'not a pid');
    const storage = new Storage({ ephemeral: true });
    try {
      assert.equal(existsSync(abandoned), false, 'a dead owner: removed');
      assert.equal(existsSync(live), true, 'a live owner: kept');
      assert.equal(existsSync(foreign), true, 'no owner file: not an instance of ours, kept');
      assert.equal(existsSync(garbled), true, 'an unreadable owner: kept');
    } finally {
      storage.close();
      for (const dir of [abandoned, live, foreign, garbled]) rmSync(dir, { recursive: true, force: true });
    }
  });
});
