import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
// The shared styles load before any screen's own stylesheet (imported by the screen), so a
// screen's rules come later in the cascade than the controls they adjust.
import './styles/tokens.css'
import './styles/base.css'
import './styles/controls.css'
import { Root } from './Root'

const rootElement = document.getElementById('root')
if (rootElement) {
  createRoot(rootElement).render(
    <StrictMode>
      <Root />
    </StrictMode>,
  )
}
