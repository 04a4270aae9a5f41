import { render } from 'preact';
import '@fontsource/sarabun/400.css';
import '@fontsource/sarabun/600.css';
import './styles/app.css';
import { App } from './app.tsx';

render(<App />, document.getElementById('app')!);
