import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Raised when an upload is larger than the store accepts (COS answers `EntityTooLarge`). */
export class TooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`the object is larger than ${limit} bytes`);
  }
}

/**
 * The bytes of every object, one file each. Files are named by the SHA-256 of the cloud path, so no cloud path
 * can reach outside the folder and `a` and `a/b` can both exist, as in COS. Every write goes to a temporary file
 * that is fsynced and then renamed into place: a killed process leaves either the old object or the new one.
 */
export class FileStore {
  private readonly objects: string;
  private readonly tmp: string;

  constructor(dir: string) {
    this.objects = path.join(dir, 'objects');
    this.tmp = path.join(dir, 'tmp');
    fs.mkdirSync(this.objects, { recursive: true });
    fs.mkdirSync(this.tmp, { recursive: true });
    this.sweepAbandonedTemps();
  }

  /** Stream an upload into place; nothing is visible until the last byte is on disk. */
  async writeStream(cloudPath: string, source: AsyncIterable<Buffer | string>, maxBytes: number): Promise<number> {
    const tmpFile = this.tempName();
    const handle = await fs.promises.open(tmpFile, 'wx', 0o644);
    let size = 0;
    try {
      for await (const chunk of source) {
        const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
        size += bytes.length;
        if (size > maxBytes) throw new TooLargeError(maxBytes);
        await handle.write(bytes);
      }
      await handle.sync();
      await handle.close();
      this.commit(tmpFile, cloudPath);
      return size;
    } catch (error) {
      await handle.close().catch(() => undefined);
      fs.rmSync(tmpFile, { force: true });
      throw error;
    }
  }

  writeBytes(cloudPath: string, bytes: Uint8Array): void {
    const tmpFile = this.tempName();
    const fd = fs.openSync(tmpFile, 'wx', 0o644);
    try {
      fs.writeSync(fd, bytes);
      fs.fsyncSync(fd);
    } catch (error) {
      fs.closeSync(fd);
      fs.rmSync(tmpFile, { force: true });
      throw error;
    }
    fs.closeSync(fd);
    this.commit(tmpFile, cloudPath);
  }

  stat(cloudPath: string): { size: number; mtime: Date; file: string } | undefined {
    const file = this.locate(cloudPath);
    try {
      const stats = fs.statSync(file);
      return stats.isFile() ? { size: stats.size, mtime: stats.mtime, file } : undefined;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  read(cloudPath: string): Buffer | undefined {
    try {
      return fs.readFileSync(this.locate(cloudPath));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  /** `false` when there was nothing to remove. */
  remove(cloudPath: string): boolean {
    try {
      fs.unlinkSync(this.locate(cloudPath));
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
  }

  private locate(cloudPath: string): string {
    const hash = createHash('sha256').update(cloudPath).digest('hex');
    return path.join(this.objects, hash.slice(0, 2), hash);
  }

  private tempName(): string {
    return path.join(this.tmp, `${Date.now()}-${process.pid}-${randomBytes(6).toString('hex')}`);
  }

  private commit(tmpFile: string, cloudPath: string): void {
    const target = this.locate(cloudPath);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.renameSync(tmpFile, target);
    syncDir(path.dirname(target));
  }

  /** Temporary files left by a process killed mid-upload (older than an hour, so never a live upload). */
  private sweepAbandonedTemps(): void {
    const cutoff = Date.now() - 60 * 60 * 1000;
    for (const name of fs.readdirSync(this.tmp)) {
      const file = path.join(this.tmp, name);
      try {
        if (fs.statSync(file).mtimeMs < cutoff) fs.rmSync(file, { force: true });
      } catch {
        // raced with another process cleaning up: nothing to do
      }
    }
  }
}

/** Make the rename itself durable (the directory entry), where the platform allows it. */
function syncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // some filesystems refuse fsync on a directory; the data itself is already synced
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
