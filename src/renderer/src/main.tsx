import { createRoot } from 'react-dom/client'

function App(): React.JSX.Element {
  return <h1 data-app-state="ready">FactorDesk</h1>
}

createRoot(document.getElementById('root')!).render(<App />)
