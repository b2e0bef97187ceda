<?xml version="1.0" encoding="utf-8"?>
<!-- heat.exe filter: drop counterapp.exe from the harvest; counterapp.wxs declares it with a fixed Id. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:wix="http://schemas.microsoft.com/wix/2006/wi">
  <xsl:output method="xml" indent="yes"/>
  <xsl:key name="main" match="wix:Component[wix:File[substring(@Source, string-length(@Source) - 14) = '\counterapp.exe']]" use="@Id"/>
  <xsl:template match="@*|node()">
    <xsl:copy><xsl:apply-templates select="@*|node()"/></xsl:copy>
  </xsl:template>
  <xsl:template match="wix:Component[key('main', @Id)]"/>
  <xsl:template match="wix:ComponentRef[key('main', @Id)]"/>
</xsl:stylesheet>
