// The program entry: run the CLI with this process's arguments and streams.
// First: widens the file system thread pool before anything starts it.
import '../main/runtime/thread-pool'
import { main } from './main'

await main()
