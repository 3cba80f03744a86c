import { configure } from '@testing-library/dom'

// CI runs the jsdom suite beside the Node and browser suites on two cores. Testing Library's
// default of one second for `findBy…` / `waitFor` is shorter than one scheduling hiccup there
// (a folder-drop notice arrived late once and failed the run). A query that never matches
// still fails, only later.
configure({ asyncUtilTimeout: 10_000 })
