// File system errors as TensorFlow's Env reports them (core/platform/errors: IOError), and the write path
// every saved file takes: temporary file, fsync, rename, fsync of the directory.
import fs from 'node:fs';
import path from 'node:path';
import { DataLossError, FailedPreconditionError, NotFoundError, OpError, PermissionDeniedError, ResourceExhaustedError } from '../errors.js';

/** A Node file system error as the TF error class of the same cause, naming the file. */
export function ioError(e: unknown, file: string, context = ''): Error {
  const err = e as NodeJS.ErrnoException;
  if (e instanceof OpError) return e;
  const what = `${context}${file}; ${err.message.replace(/^[A-Z]+: /, '').replace(/, \w+ '.*'$/, '')}`;
  switch (err.code) {
    case 'ENOENT': return new NotFoundError(what);
    case 'EACCES': case 'EPERM': case 'EROFS': return new PermissionDeniedError(what);
    case 'ENOTDIR': case 'EISDIR': case 'EEXIST': return new FailedPreconditionError(what);
    case 'ENOSPC': case 'EDQUOT': return new ResourceExhaustedError(what);
    case 'EIO': return new DataLossError(what);
    default: return e instanceof Error ? e : new Error(String(e));
  }
}

/** gfile.MakeDirs: creates `dir` and its parents; a file in the way is FailedPreconditionError. */
export function makeDirs(dir: string): void {
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw ioError(e, dir, 'could not create directory ');
  }
  if (!fs.statSync(dir).isDirectory()) throw new FailedPreconditionError(`${dir} is not a directory`);
}

/** The data of `file`, or TF's NotFoundError. */
export function readFile(file: string): Uint8Array {
  try {
    return fs.readFileSync(file);
  } catch (e) {
    throw ioError(e, file);
  }
}

let tempCounter = 0;

/** A temporary name beside `file`, as TF's tempstate names: `<file>.tempstate<random>`. */
export function tempName(file: string): string {
  return `${file}.tempstate${process.pid}${(Date.now() % 1e6).toString(36)}${(tempCounter++).toString(36)}`;
}

/** Writes `data` to a temporary file beside `file` and fsyncs it; returns the temporary name. */
export function writeDurable(file: string, data: Uint8Array): string {
  const tmp = tempName(file);
  let fd: number | null = null;
  try {
    fd = fs.openSync(tmp, 'wx');
    let off = 0;
    while (off < data.length) off += fs.writeSync(fd, data, off, data.length - off);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = null;
    return tmp;
  } catch (e) {
    if (fd !== null) fs.closeSync(fd);
    fs.rmSync(tmp, { force: true });
    throw ioError(e, file, 'could not write ');
  }
}

/** fsync of a directory, so renames into it survive a crash (where the platform allows it). */
export function syncDir(dir: string): void {
  let fd: number | null = null;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // some file systems refuse fsync on directories; the renames are still atomic
  } finally {
    if (fd !== null) fs.closeSync(fd);
  }
}

/** atomic_write_string_to_file: the whole new content or the old one, never a mix. */
export function writeAtomic(file: string, data: Uint8Array | string): void {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  const tmp = writeDurable(file, bytes);
  try {
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw ioError(e, file, 'could not write ');
  }
  syncDir(path.dirname(file));
}
