// The program entry: run the CLI with this process's arguments and streams.
import { main } from './main'

await main()
