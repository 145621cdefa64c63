// Decode, with the seekable reader, what loading one image of a bundle needs when its base is
// present (manifest.json, its config, the layers other than the first), discard it, and print
// the bytes this process tree read (rchar of /proc/self/io, which counts reaped children: the
// zstd decoder's reads of its pipe too) and the bytes decoded, as JSON.
//   node bench/read-one-image.mjs ARCHIVE IMAGE_INDEX [--all]
import { readFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const reader = await import(pathToFileURL(join(ROOT, 'dist-test', 'src', 'archive', 'seekable', 'read.js')).href);
const [archive, indexText] = process.argv.slice(2);
const whole = process.argv.includes('--all');
const rchar = () => Number(/rchar: (\d+)/.exec(readFileSync('/proc/self/io', 'utf8'))[1]);
const limits = { maxDecoderMemory: 8 << 20 };

const before = rchar();
const file = await open(archive);
const reading = await reader.readToc(file);
if (!reading.toc) throw new Error(`${archive}: no usable table of contents: ${JSON.stringify(reading)}`);
const { toc } = reading;
const manifest = JSON.parse((await reader.readMembers(file, toc, ['manifest.json'], limits)).get('manifest.json').toString());
const image = manifest[Number(indexText)];
const wanted = new Set(whole ? toc.members.map((m) => m.name) : [image.Config, ...image.Layers.slice(1)]);
const frames = reader.framesFor(toc, wanted);
await reader.verifyFrames(file, frames);
let decoded = 0;
for await (const piece of reader.decodeMembers(file, toc, frames, wanted, limits)) decoded += piece.data.length;
await file.close();
const ownLayers = toc.members.filter((m) => image.Layers.slice(1).includes(m.name)).reduce((sum, m) => sum + m.size, 0);
console.log(JSON.stringify({ rchar: rchar() - before, decoded, ownLayers, frames: frames.length, of: toc.frames.length }));
