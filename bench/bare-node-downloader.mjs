// The floor for a downloader written in Node on this machine: what `npm run bench` compares the
// small-file lane with besides aria2c. It does only what every file needs — a keep-alive GET,
// 16 at a time, and one exclusive create, write, fdatasync and close, then a hard link to the
// final name — with no job database, no crash recovery, no name choosing, no checks and no
// progress. Not part of the product.
//
//   node bench/bare-node-downloader.mjs LIST OUTPUT-FOLDER
import http from 'node:http'
import { promises as fs, readFileSync } from 'node:fs'

const [list, output] = process.argv.slice(2)
const addresses = readFileSync(list, 'utf8').trim().split('\n')
await fs.mkdir(output, { recursive: true })
const agent = new http.Agent({ keepAlive: true, maxSockets: 16 })
let next = 0

function fetchBody(address) {
  return new Promise((resolve, reject) => {
    http
      .get(address, { agent }, (response) => {
        const chunks = []
        response.on('data', (chunk) => chunks.push(chunk))
        response.on('end', () => resolve(Buffer.concat(chunks)))
        response.on('error', reject)
      })
      .on('error', reject)
  })
}

async function worker() {
  while (next < addresses.length) {
    const index = next++
    const body = await fetchBody(addresses[index])
    const name = `${output}/${index}.bin`
    const handle = await fs.open(`${name}.part`, 'wx')
    await handle.write(body, 0, body.length, 0)
    await handle.datasync()
    await handle.close()
    await fs.link(`${name}.part`, name)
    await fs.unlink(`${name}.part`)
  }
}

await Promise.all(Array.from({ length: 16 }, worker))
agent.destroy()
