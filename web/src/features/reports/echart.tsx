// The only module that imports ECharts: loaded with the charts page, never with the login or customer screens.
import { useRef } from 'react';
import { Button, Card } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import * as echarts from 'echarts/core';
import { BarChart, FunnelChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { EChartsOption } from 'echarts';
import ReactEChartsCore from 'echarts-for-react/esm/core';

echarts.use([BarChart, PieChart, FunnelChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface EChartProps {
  title: string;
  option: EChartsOption;
  fileName: string;
  exportLabel: string;
  /** Told after a PNG download (or its failure), for the message area. */
  onExport: (result: { ok: true; fileName: string } | { ok: false; reason: string }) => void;
  testId: string;
  height?: number;
}

/** One chart with a PNG download of what it shows. */
export default function EChart({ title, option, fileName, exportLabel, onExport, testId, height = 280 }: EChartProps) {
  const ref = useRef<ReactEChartsCore>(null);
  const download = () => {
    try {
      const instance = ref.current?.getEchartsInstance();
      if (!instance) throw new Error('chart not ready');
      const url = instance.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' });
      const a = document.createElement('a');
      a.href = url;
      a.download = `${fileName}.png`;
      a.style.display = 'none';
      document.body.appendChild(a);
      a.click();
      a.remove();
      onExport({ ok: true, fileName: `${fileName}.png` });
    } catch (e) {
      onExport({ ok: false, reason: e instanceof Error ? e.message : String(e) });
    }
  };
  return (
    <Card
      size="small"
      title={title}
      data-testid={testId}
      extra={
        <Button size="small" icon={<DownloadOutlined />} onClick={download} data-testid={`${testId}-png`}>
          {exportLabel}
        </Button>
      }
    >
      <ReactEChartsCore ref={ref} echarts={echarts} option={option} notMerge style={{ height, width: '100%' }} />
    </Card>
  );
}
