import { Header } from './components/Header';
import { SidePanel } from './components/SidePanel';
import { MapView } from './map/MapView';

export function App() {
  return (
    <div className="app">
      <Header />
      <main className="app-main">
        <MapView />
        <SidePanel />
      </main>
    </div>
  );
}
