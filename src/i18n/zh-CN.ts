// Default UI language. Keys are shared with en.ts; a missing key fails the i18n test.
import * as layers from './parts/layers';
import * as panels from './parts/panels';
import * as importer from './parts/importer';
import * as scenarios from './parts/scenarios';
import * as compliance from './parts/compliance';
import * as population from './parts/population';
import * as mapTools from './parts/map-tools';
const zhCN = {
  app: {
    title: '扬帆覆盖规划',
    subtitle: '5G 与 RedCap 覆盖规划与核查',
    syntheticBadge: '演示数据：站点为合成数据',
    syntheticHint: '中国没有公开的基站数据，演示区域的站点由带种子的生成器合成，仅用于演示。',
    language: '语言',
    loading: '正在加载演示区域…',
    loadFailed: '加载失败：{{reason}}',
  },
  region: {
    demoName: '玉树藏族自治州（青海）',
    imported: '{{file}}（{{count, number}} 个区域）',
    named: '{{name}}（{{count, number}} 个{{unit}}）',
    provinces: '{{first}}等 {{provinces, number}} 省（{{count, number}} 个{{unit}}）',
    national: '全国（{{count, number}} 个{{unit}}）',
    unit: { county: '区县', township: '乡镇' },
    counties: '区县',
    stations: '站点',
  },
  table: {
    code: '代码',
    name: '名称',
    population: '常住人口',
    sites5g: '5G 基站',
    sitesRedcap: 'RedCap 基站',
    sitesLte: '仅 LTE 基站',
    per10k: '每万人 5G 基站',
    areaKm2: '面积 (km²)',
    total: '合计',
    empty: '尚未加载区域边界',
  },
  townships: {
    title: '乡镇级单元（{{count, number}} 个）',
    noPolygons:
      '公开数据中没有该地区的乡镇边界：列表来自行政区划代码。导入乡镇边界后按乡镇统计站点。',
    withPolygons: '{{count, number}} / {{total, number}} 个乡镇已有边界。',
    countySummary: '{{county}}：{{count, number}} 个',
    kind: '类型',
    kinds: { subdistrict: '街道', town: '镇', township: '乡', other: '其他' },
    noPolygon: '无边界',
  },
  legend: {
    title: '图例',
    nrRedcap: '5G 站点（已开通 RedCap）',
    nr: '5G 站点（未开通 RedCap）',
    lte: '仅 LTE 站点（可升级 5G）',
    other: '其他站点',
    county: '区县边界',
    township: '乡镇边界',
  },
  datasets: {
    title: '数据集',
    stations: '站点',
    boundaries: '边界',
    population: '人口',
    settlements: '居民点',
    'population-raster': '人口栅格',
    rows: '{{count, number}} 行',
    sites: '{{count, number}} 个站点',
    areas: '{{count, number}} 个区域',
    rejected: '{{count, number}} 行被拒绝',
    demo: '演示',
    remove: '移除',
  },
  import: {
    stations: '导入站点…',
    boundaries: '导入边界…',
    population: '导入人口…',
    settlements: '导入居民点…',
    'population-raster': '导入人口栅格…',
    dem: '导入高程（DEM）…',
    crs: '坐标系',
    crsOptions: {
      WGS84: 'WGS-84（GPS）',
      CGCS2000: 'CGCS2000（国家 2000）',
      GCJ02: 'GCJ-02（高德/腾讯）',
      BD09: 'BD-09（百度）',
    },
    reading: '正在读取 {{file}}…',
    progress: '已读取 {{rows}} 行（{{pct}}%）',
    cancel: '取消',
    cancelled: '已取消导入 {{file}}，已加载的数据保持不变。',
    failed: '无法导入 {{file}}：{{reason}}',
    done: '{{file}}：已加载 {{loaded}} 条，拒绝 {{rejected}} 条。',
    rejectedTitle: '被拒绝的行（{{count, number}}）',
    warningsTitle: '提示（{{count, number}}）',
    close: '关闭',
    moreRows: '另有 {{count, number}} 条未列出',
    where: {
      row: '第 {{n}} 行',
      feature: '第 {{n}} 个要素',
      field: '字段 {{name}}',
      value: '值 “{{value}}”',
    },
    issue: {
      // Whole files
      'empty-file': '文件为空，没有可读取的内容',
      'read-failed': '无法读取文件（{{detail}}），请确认文件未被移动或占用后重试',
      'binary-file': '这不是文本表格（含二进制内容），请导入 CSV（UTF-8 或 GBK 编码）或 XLSX 文件',
      'unsupported-encoding':
        '不支持 UTF-16 编码的文本（如 Excel 的“Unicode 文本”），请另存为 UTF-8 编码；表格可另存为“CSV UTF-8（逗号分隔）”或 XLSX',
      'line-too-long': '文件第 {{line}} 行超过 16 MiB，该行未读取，其余各行照常加载',
      'unterminated-quote':
        '从文件第 {{line}} 行开始的带引号字段没有结束引号，之后的内容无法按行读取',
      'invalid-xlsx': '不是可读取的 XLSX 工作簿，文件可能已损坏或不完整（{{detail}}）',
      'xls-not-supported': '不支持旧版 Excel .xls 工作簿，请另存为 .xlsx 或 CSV',
      'single-column':
        '只识别到一列（首行为“{{firstLine}}”）：各列须以逗号、分号、制表符或竖线 | 分隔',
      'no-data-rows': '文件中没有数据行',
      'no-coordinate-columns':
        '未找到经度/纬度列（文件中的列：{{headers}}）；请将列名设为 lon/lat 或 经度/纬度，或在导入对话框中指定列映射',
      'mapping-column-not-found': '列映射中指定的列在文件中不存在：{{columns}}',
      'invalid-json': '不是有效的 JSON，文件可能已损坏或不完整（{{reason}}）',
      'raster-unreadable': '无法用作高程数据（DEM）：{{reason}}',
      'unsupported-crs':
        '文件声明的坐标系“{{crs}}”无法读取：仅支持 WGS-84（EPSG:4326）、CGCS2000（EPSG:4490）、GCJ-02 或 BD-09 经纬度，请先转换为 EPSG:4326',
      'not-geojson': '不是 GeoJSON 或 TopoJSON（应为 FeatureCollection）',
      'invalid-xml': 'XML 格式不正确，文件可能不完整（{{reason}}）',
      'not-kml': '这是 XML 文件，但不是 KML（根元素不是 <kml>）',
      'invalid-topojson': 'TopoJSON 结构无效：缺少 objects 或 arcs，或对象无法解码',
      'layer-not-found': '找不到图层“{{layer}}”，文件中的图层：{{layers}}',
      'zip-no-shapefile': '压缩包中没有 .shp 文件',
      'shapefile-no-dbf': '压缩包中缺少 {{layer}}.dbf：没有属性表就无法读取区划代码和名称',
      'invalid-shapefile': '无法读取 {{layer}}.shp/.dbf，文件可能已损坏或不完整（{{reason}}）',
      'unsupported-projection':
        '.prj 中的投影“{{projection}}”无法转换为经纬度，请先将数据转换为 WGS-84 或 CGCS2000（EPSG:4326/4490）',
      'invalid-zip': '不是有效的 zip 压缩包，或压缩包已损坏、不完整',
      'shapefile-not-zipped':
        'Shapefile 由多个文件组成：请将 .shp 与同名的 .dbf、.shx、.prj（及 .cpg）一起压缩为 zip 后导入',
      'unknown-format':
        '无法识别的文件格式：边界请使用 GeoJSON、TopoJSON、KML/KMZ 或 zip 压缩的 Shapefile，人口表请使用 CSV',
      'no-features': '文件中没有任何要素',
      'field-not-found': '要素属性中没有指定的字段“{{field}}”',
      'missing-column': '人口表缺少“$t(import.issuePart.populationColumn.{{column}})”列',
      // Station rows, rejected
      'row-error': '该行无法读取（程序内部错误），已跳过',
      'duplicate-id': '小区 ID 重复，首次出现在第 {{firstRow}} 行',
      'missing-coordinate': '坐标为空',
      'unparseable-coordinate': '坐标无法识别（应为十进制度数或度分秒）',
      'swapped-coordinates': '纬度与经度疑似颠倒（互换后位于中国境内），请检查列顺序或列映射',
      'coordinate-out-of-range': '坐标超出有效范围（经度 −180…180，纬度 −90…90）',
      'outside-china': '坐标不在中国范围内（经度 73–136，纬度 3–54）',
      'unparseable-number': '不是有效的数字',
      'unknown-tech': '无法识别的网络制式，应为 NR/5G、LTE/4G、UMTS/WCDMA/3G 或 GSM/2G',
      'azimuth-out-of-range': '方位角超出 −360…360° 范围',
      'beamwidth-out-of-range': '波瓣宽度须大于 0° 且不超过 360°',
      'negative-value': '数值不能为负',
      'bad-redcap': 'RedCap 取值无法识别，应为 是/否、true/false、1/0 或 yes/no',
      // Station rows, loaded with a warning (counted once per condition)
      'decimal-comma': '以逗号作小数点的数值已按小数读取（共 {{count, number}} 行）',
      'default-tech': '表格没有制式列，各行按默认制式读取（共 {{count, number}} 行）',
      'missing-tech': '制式为空，按默认制式读取（共 {{count, number}} 行）',
      'zero-radius': '半径为 0 视为“未设置”，改用传播模型计算覆盖（共 {{count, number}} 行）',
      'redcap-not-nr': '非 NR 小区标记了 RedCap，已忽略（共 {{count, number}} 行）',
      'nr-band-no-preset':
        '该 NR 频段没有覆盖模型预设，仅 n28、n1、n41、n78、n79 有预设（共 {{count, number}} 行）',
      'unknown-band': '频段无法识别，已留空（共 {{count, number}} 行）',
      'unknown-env':
        '覆盖场景无法识别（应为 rma、uma、umi 或 auto），按 auto 读取（共 {{count, number}} 行）',
      'unknown-status':
        '站点状态无法识别（应为 在网/existing 或 规划/planned），按在网读取（共 {{count, number}} 行）',
      // Station files
      'mixed-encoding':
        '文件混用了编码：{{count, number}} 行不是 UTF-8，已按 GBK 读取（首个位于文件第 {{line}} 行），其余按 UTF-8 读取',
      'site-cells-far-apart':
        '{{count, number}} 个站点存在距站点中心超过 {{km, number}} 公里的小区，请核对站点编号（此处显示第一个）',
      'header-not-first-row': '表头位于文件第 {{line}} 行，其上方的 {{skipped, number}} 行已跳过',
      'duplicate-column': '该列对应的字段已由另一列提供，未使用此列',
      'crs-hint':
        '列名表明坐标系为 $t(import.crsOptions.{{hint}})，但导入时选择的是 $t(import.crsOptions.{{crs}})；坐标系选错会使位置偏移 100–700 米',
      'no-range-column': '已选择使用 OpenCelliD 的 range 作为覆盖半径，但文件中没有 range 列',
      // Settlement points
      'not-point': '几何类型为 {{type}}，不是点：居民点应为一个点（面状数据请作为边界导入）',
      'multipoint-several':
        '多点要素包含 {{count, number}} 个不同位置：一个居民点只能是一个地点，请拆分为多个点要素',
      'duplicate-settlement-id': 'ID 重复，首次出现在第 {{first}} 条记录，此条未加载',
      'duplicate-settlement':
        '与第 {{first}} 条记录同名且相距仅 {{metres, number}} 米，疑似重复登记（两条均已加载，请检查是否重复计数）',
      'invalid-settlement-code':
        '不是 6、9 或 12 位的 GB/T 2260 区划代码，已留空（共 {{count, number}} 条）',
      'unknown-settlement-kind':
        '无法识别的居民点类型，按“其他”读取；应为 县城、乡镇驻地、行政村、自然村、牧业点 等（共 {{count, number}} 条）',
      'bad-synthetic-flag': '“合成”标记不是 是/否 值，按非合成数据读取（共 {{count, number}} 条）',
      'settlement-unnamed': '名称为空，以代码或记录序号作为名称（共 {{count, number}} 条）',
      // Boundary files
      'other-layers-ignored':
        '文件包含多个图层：已读取“{{layer}}”，忽略了 {{ignored}}（可通过图层选项选择其他图层）',
      'cpg-unknown': '.cpg 中的编码“{{cpg}}”无法识别，属性按检测到的 {{encoding}} 编码读取',
      'dbf-encoding-unknown':
        '.dbf 中的属性文本既不是有效的 UTF-8 也不是 GBK，已按 {{encoding}} 读取，名称可能出现乱码（请附带 .cpg 文件）',
      'legacy-datum': '.prj 使用北京 54 / 西安 80 坐标系，未做基准转换（位置可能偏差约 100 米）',
      'crs-maybe-gcj02':
        '该文件疑似阿里云 DataV GeoAtlas 导出数据（GCJ-02 坐标），但已按 WGS-84 读取；请选择 GCJ-02 坐标系重新导入，以免 100–700 米的偏移',
      'no-code-field':
        '没有属性包含 GB/T 2260 行政区划代码（6、9 或 12 位），请在以下字段中指定代码字段：{{fields}}',
      'no-name-field': '未找到名称字段，以区划代码作为名称',
      // Boundary features
      'missing-code': '区划代码为空',
      'invalid-code':
        '不是有效的 GB/T 2260 行政区划代码（应为 6、9 或 12 位数字，以 11–82 的省级代码开头）',
      'code-level-mismatch':
        '代码级别与文件不符：本文件按$t(import.issuePart.level.{{level}})级读取',
      'duplicate-code': '区划代码与第 {{firstFeature}} 个要素重复，未加载此要素',
      'missing-name': '名称为空，以代码 {{code}} 作为名称',
      'non-polygon-parts-dropped': '{{name}}：已移除几何集合中的 {{count, number}} 个非面要素',
      'ring-closed': '{{name}}：{{count, number}} 个未闭合的环已自动闭合',
      'spike-removed':
        '{{name}}：已移除 {{count, number}} 个零宽度尖刺顶点（首个位于 {{lon, number(maximumFractionDigits: 6)}}, {{lat, number(maximumFractionDigits: 6)}}）',
      'degenerate-ring-dropped':
        '{{name}}：已移除 {{parts, number}} 个面和 {{holes, number}} 个洞（不足 3 个不同顶点或面积为零）',
      'self-intersection-repaired':
        '{{name}}：边界自相交 {{crossings, number}} 处（首处位于 {{lon, number(maximumFractionDigits: 6)}}, {{lat, number(maximumFractionDigits: 6)}}），已拆分为 {{parts, number}} 个简单多边形',
      'parts-overlap':
        '{{name}}：多部件面的各部分相互交叉 {{crossings, number}} 处（首处位于 {{lon, number(maximumFractionDigits: 6)}}, {{lat, number(maximumFractionDigits: 6)}}），重叠部分的面积会被重复计算',
      'empty-geometry': '{{name}}：要素没有几何图形或坐标',
      'invalid-geometry': '{{name}}：几何对象不是有效的 GeoJSON 几何',
      'invalid-coordinates': '{{name}}：坐标数组格式错误',
      'not-polygon':
        '{{name}}：几何类型为 {{type}}，不是面（Polygon/MultiPolygon），行政区边界必须是面',
      'projected-coordinates':
        '{{name}}：坐标疑似投影坐标（米）而非经纬度，如 {{x, number}}, {{y, number}}；请转换为经纬度，或将 Shapefile 与其 .prj 一起压缩导入',
      'coordinates-out-of-range':
        '{{name}}：坐标 {{x, number(maximumFractionDigits: 6)}}, {{y, number(maximumFractionDigits: 6)}} 超出经度 −180…180 / 纬度 −90…90 范围，请检查经纬度是否颠倒',
      'degenerate-geometry': '{{name}}：没有任何环包含 3 个以上不同顶点并围成面积',
      'self-intersection':
        '{{name}}：边界在 {{lon, number(maximumFractionDigits: 6)}}, {{lat, number(maximumFractionDigits: 6)}} 处自相交，无法安全地自动修复（共 {{crossings, number}} 处交叉）',
      'invalid-population': '{{name}}：人口不是非负数，已留空',
      'invalid-seat': '{{name}}：驻地坐标不是 [经度, 纬度] 格式，已忽略',
      'parts-far-apart':
        '{{name}}（{{code}}）由 {{parts, number}} 个分离部分组成，其中 {{farParts, number}} 个远离最大部分（最远 {{maxGapKm, number}} 公里；最大部分 {{mainPartKm2, number}} km²，总计 {{areaKm2, number}} km²），请确认这些部分都属于该区域',
      'area-outlier':
        '{{name}}（{{code}}）面积 {{areaKm2, number}} km²，是同级 {{siblings, number}} 个区域面积中位数（{{medianKm2, number}} km²）的 {{ratio, number}} 倍，且远大于次大区域（{{nextLargestKm2, number}} km²），请检查其边界',
      // Population tables
      'population-no-code': '该行没有区划代码，无法与区域关联',
      'population-invalid-code':
        '不是有效的 GB/T 2260 行政区划代码（应为 6、9 或 12 位数字，以 11–82 的省级代码开头）',
      'population-invalid-number': '人口数不是有效的非负数',
      'population-duplicate-code': '区划代码与第 {{firstRow}} 行重复，此行已忽略',
      'population-sum-mismatch':
        '城镇人口 {{urban, number}} 与乡村人口 {{rural, number}} 之和不等于总人口 {{total, number}}',
      'population-row-unmatched':
        '没有已导入的区域使用该区划代码，此行人口（{{total, number}}）未使用',
      'population-aggregate-rows-ignored':
        '已忽略 {{count, number}} 行省、市级汇总数据（如 {{examples}}）',
      'area-without-population':
        '{{name}}（{{code}}）在人口表中没有对应行，$t(import.issuePart.populationKept.{{kept}})',
      'population-code-change':
        '{{name}}（{{code}}）按区划代码变更使用 {{rowCode}} {{rowName}} 行的人口：{{changes}}（来源：{{source}}）',
      'area-code-retired':
        '{{name}}（{{code}}）的代码已撤销：{{change}}，$t(import.issuePart.codeRetired.{{kind}})',
      // Hostile input: limits that keep bad files from exhausting memory or the stack
      'value-out-of-range':
        '数值超出物理上可能的范围（{{min, number}}–{{max, number}} {{unit}}），该行已拒绝；请检查列和单位',
      'zip-too-large':
        '压缩包中的 {{entry}} 声明解压后为 {{size, number}} MB，超过 {{limit, number}} MB 的上限，未解压即已拒绝',
      'zip-bomb':
        '压缩包中的 {{entry}} 压缩比为 {{ratio, number}}:1，超过 {{limit, number}}:1，疑似“压缩炸弹”，未解压即已拒绝',
      'zip-entry-mismatch': '压缩包中的 {{entry}} 解压后超过其声明的大小：压缩包已损坏或被篡改',
      'xml-entities':
        'KML 文件声明了 XML 实体（<!ENTITY>）：为防止读取本机文件、发出网络请求或实体膨胀，不解析实体，请删除 DOCTYPE 部分后重新导入',
      'nesting-too-deep': '{{name}}：几何嵌套层数超过 {{limit, number}} 层，不是有效的边界，已拒绝',
      'hole-outside-shell':
        '{{name}}：第 {{part, number}} 个面的第 {{ring, number}} 个环是洞，但不在外环之内（或比外环还大），面积无法确定',
      'hole-inside-hole':
        '{{name}}：第 {{part, number}} 个面的第 {{ring, number}} 个洞位于第 {{other, number}} 个洞之内，面积无法确定',
      'too-many-parts':
        '{{name}}：该面由超过 {{limit, number}} 个部分组成，超出任何真实边界，已拒绝',
      'dbf-truncated':
        '{{layer}}.dbf 声明有 {{declared, number}} 条记录，实际只有 {{held, number}} 条（文件损坏或不完整），其后的要素没有属性',
      'feature-error': '{{name}}：该要素无法检查（程序内部错误），已跳过，其余要素照常加载',
      // Not from the importers
      internal: '导入时发生内部错误：{{detail}}',
      'townships-read-as-counties':
        '作为乡镇边界（--townships）提供，但多数代码为 6 位，已按区县级读取',
    },
    // Pieces nested into issue messages with $t(…), chosen by a param.
    issuePart: {
      level: { county: '区县', township: '乡镇' },
      populationColumn: { code: '区划代码', total: '总人口' },
      codeRetired: {
        merge: '已与其他区县合并，人口表中没有一一对应的行',
        split: '已拆分到多个区县，人口表中没有一一对应的行',
        abolished: '没有后继代码',
        recode: '已改为新代码',
      },
      populationKept: { '0': '人口未知', '1': '沿用边界文件中的人口' },
    },
  },
  layers: layers.zh,
  panels: panels.zh,
  importer: importer.zh,
  scenarios: scenarios.zh,
  compliance: compliance.zh,
  population: population.zh,
  mapTools: mapTools.zh,
};
export default zhCN;
export type Messages = typeof zhCN;
