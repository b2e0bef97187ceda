<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="vi_VN">
<context>
    <name>CatalogView</name>
    <message>
        <location filename="../../ui/catalog_view.py" line="128"/>
        <location filename="../../ui/catalog_view.py" line="232"/>
        <source>{n} thủ tục</source>
        <translation>{n} procedures</translation>
    </message>
    <message>
        <location filename="../../ui/catalog_view.py" line="170"/>
        <source>Mã thủ tục</source>
        <translation>Procedure code</translation>
    </message>
    <message>
        <location filename="../../ui/catalog_view.py" line="171"/>
        <source>Lĩnh vực</source>
        <translation>Field</translation>
    </message>
    <message>
        <location filename="../../ui/catalog_view.py" line="172"/>
        <source>Cấp thực hiện</source>
        <translation>Level</translation>
    </message>
    <message>
        <location filename="../../ui/catalog_view.py" line="173"/>
        <source>Cơ quan thực hiện</source>
        <translation>Executing agency</translation>
    </message>
    <message>
        <location filename="../../ui/catalog_view.py" line="174"/>
        <source>Mức độ dịch vụ công trực tuyến</source>
        <translation>Online service level</translation>
    </message>
    <message>
        <location filename="../../ui/catalog_view.py" line="177"/>
        <source>Giờ nhận hồ sơ tối đa</source>
        <translation>Latest receipt time</translation>
    </message>
    <message>
        <location filename="../../ui/catalog_view.py" line="187"/>
        <source>không</source>
        <translation>none</translation>
    </message>
    <message>
        <location filename="../../ui/catalog_view.py" line="211"/>
        <source>Yêu cầu, điều kiện</source>
        <translation>Requirements and conditions</translation>
    </message>
    <message>
        <location filename="../../ui/catalog_view.py" line="212"/>
        <source>Đối tượng thực hiện</source>
        <translation>Target groups</translation>
    </message>
    <message>
        <location filename="../../ui/catalog_view.py" line="213"/>
        <source>Kết quả thực hiện</source>
        <translation>Results</translation>
    </message>
    <message>
        <location filename="../../ui/catalog_view.py" line="229"/>
        <source>Tìm theo mã, tên thủ tục, lĩnh vực… (Ctrl+F)</source>
        <translation>Search by code, procedure name, field… (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../ui/catalog_view.py" line="230"/>
        <source>Tìm thủ tục</source>
        <translation>Search procedures</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="85"/>
        <source>Counter — Bộ phận Một cửa</source>
        <translation>Counter — One-stop counter</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="86"/>
        <source>Danh mục &amp;thủ tục</source>
        <translation>&amp;Procedure catalog</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="87"/>
        <source>&amp;Tệp</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="88"/>
        <source>&amp;Nhập danh mục thủ tục…</source>
        <translation>&amp;Import procedure catalog…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="89"/>
        <source>&amp;Thoát</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="90"/>
        <source>&amp;Ngôn ngữ</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="91"/>
        <source>Trợ &amp;giúp</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="92"/>
        <source>&amp;Giới thiệu</source>
        <translation>&amp;About</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="94"/>
        <source>Đang mở dữ liệu…</source>
        <translation>Opening data…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="95"/>
        <source>Chưa kết nối cổng dịch vụ công</source>
        <translation>Not connected to the portal</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="97"/>
        <source>Dữ liệu: {path}</source>
        <translation>Data: {path}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="128"/>
        <source>Thiếu tệp ngôn ngữ / language file missing</source>
        <translation>Language file missing</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="135"/>
        <source>Nhập danh mục thủ tục</source>
        <translation>Import procedure catalog</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="135"/>
        <source>Tệp JSON (*.json)</source>
        <translation>JSON files (*.json)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="139"/>
        <source>Đang nhập danh mục…</source>
        <translation>Importing catalog…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="149"/>
        <source>Thêm mới: {a}; cập nhật: {u}; từ chối: {r}</source>
        <translation>Added: {a}; updated: {u}; refused: {r}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="154"/>
        <location filename="../../ui/main_window.py" line="158"/>
        <location filename="../../ui/main_window.py" line="163"/>
        <source>Nhập danh mục</source>
        <translation>Catalog import</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="167"/>
        <source>Giới thiệu</source>
        <translation>About</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="168"/>
        <source>Counter {v}
Phần mềm cho Bộ phận Tiếp nhận và Trả kết quả.</source>
        <translation>Counter {v}
Software for the one-stop reception and result counter.</translation>
    </message>
</context>
</TS>
